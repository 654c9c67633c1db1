package dev.selfheal.telemetry.otlp;

import static dev.selfheal.telemetry.otlp.OtlpFixtures.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.rpc.Status;
import dev.selfheal.contracts.v1.DependencyCalled;
import dev.selfheal.contracts.v1.ErrorObserved;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.StateMutated;
import dev.selfheal.otlp.TraceBatch;
import dev.selfheal.otlp.TraceMapper;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class OtlpCodecTest {

    private final OtlpCodec codec = new OtlpCodec(64 * 1024);

    @Test
    void readsOtlpJsonWithHexIdsIntegerEnumsAndStringNanos() {
        ExportTraceServiceRequest request = codec.traces(file("traces.json"), OtlpEncoding.JSON, null);

        Span server = request.getResourceSpans(0).getScopeSpans(0).getSpans(0);
        assertThat(hex(server.getTraceId())).isEqualTo("5b8efff798038103d269b633813fc60c");
        assertThat(hex(server.getSpanId())).isEqualTo("eee19b7ec3c1b174");
        assertThat(server.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(server.getStartTimeUnixNano()).isEqualTo(1544712660000000000L);
        assertThat(hex(request.getResourceSpans(0).getScopeSpans(0).getSpans(1).getParentSpanId()))
                .isEqualTo("eee19b7ec3c1b174");
    }

    @Test
    void protobufAndGzipRoundTrip() throws IOException {
        ExportTraceServiceRequest sent = OtlpFixtures.request(OtlpFixtures.resource(OtlpFixtures.attr("service.name", "a")),
                OtlpFixtures.span("00f067aa0ba902b7", "GET /"));

        assertThat(codec.traces(sent.toByteArray(), OtlpEncoding.PROTOBUF, "identity")).isEqualTo(sent);
        assertThat(codec.traces(gzip(sent.toByteArray()), OtlpEncoding.PROTOBUF, "gzip")).isEqualTo(sent);
        assertThat(codec.traces(gzip(file("traces.json")), OtlpEncoding.JSON, "GZIP").getResourceSpansCount()).isEqualTo(1);
    }

    @Test
    void aNonHexIdDecodesToAnInvalidIdSoOnlyItsSpanIsDropped() {
        String json = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"not-hex\",\"spanId\":\"00f067aa0ba902b7\","
                + "\"name\":\"x\",\"startTimeUnixNano\":\"1\",\"endTimeUnixNano\":\"2\"}]}]}]}";

        TraceBatch batch = TraceMapper.map(codec.traces(json.getBytes(StandardCharsets.UTF_8), OtlpEncoding.JSON, null));

        assertThat(batch.spans()).isEmpty();
        assertThat(batch.rejections()).singleElement().asString().contains("traceId");
    }

    @Test
    void theHandWrittenJsonFileMapsToEveryKindOfEvent() {
        TraceBatch batch = TraceMapper.map(new OtlpCodec(1 << 20).traces(OtlpFixtures.file("traces.json"),
                OtlpEncoding.JSON, null));

        assertThat(batch.spans()).hasSize(2);
        assertThat(batch.errors()).singleElement().extracting(ErrorObserved::messageTemplate)
                .isEqualTo("order <*> has no items");
        assertThat(batch.dependencies()).singleElement().extracting(DependencyCalled::target).isEqualTo("postgresql/shop");
        assertThat(batch.mutations()).singleElement().extracting(StateMutated::value).isEqualTo("PENDING");
        assertThat(batch.spans()).extracting(SpanRecorded::environment).containsOnly("staging");
    }

    @Test
    void undecodableBodiesAre400WithTheReason() {
        byte[] truncated = {0x0A, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F};
        assertThatThrownBy(() -> codec.traces(truncated, OtlpEncoding.PROTOBUF, null))
                .isInstanceOfSatisfying(OtlpRequestException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("protobuf");
        assertThatThrownBy(() -> codec.traces("{\"resourceSpans\": [".getBytes(StandardCharsets.UTF_8), OtlpEncoding.JSON, null))
                .isInstanceOfSatisfying(OtlpRequestException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("JSON");
        assertThatThrownBy(() -> codec.traces("{\"resourceSpans\": 7}".getBytes(StandardCharsets.UTF_8), OtlpEncoding.JSON, null))
                .isInstanceOfSatisfying(OtlpRequestException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> codec.traces("[]".getBytes(StandardCharsets.UTF_8), OtlpEncoding.JSON, null))
                .isInstanceOfSatisfying(OtlpRequestException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> codec.traces(new byte[] {1, 2, 3}, OtlpEncoding.PROTOBUF, "gzip"))
                .isInstanceOfSatisfying(OtlpRequestException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("gzip");
        assertThatThrownBy(() -> codec.traces(new byte[0], OtlpEncoding.PROTOBUF, "br"))
                .isInstanceOfSatisfying(OtlpRequestException.class, e -> assertThat(e.status()).isEqualTo(415));
    }

    @Test
    void bodiesOverTheLimitAre413AsSentAndAsInflated() throws IOException {
        assertThatThrownBy(() -> codec.traces(new byte[64 * 1024 + 1], OtlpEncoding.PROTOBUF, null))
                .isInstanceOfSatisfying(OtlpRequestException.class, e -> assertThat(e.status()).isEqualTo(413));
        byte[] bomb = gzip(new byte[1024 * 1024]);
        assertThat(bomb.length).isLessThan(64 * 1024);
        assertThatThrownBy(() -> codec.traces(bomb, OtlpEncoding.PROTOBUF, "gzip"))
                .isInstanceOfSatisfying(OtlpRequestException.class, e -> assertThat(e.status()).isEqualTo(413))
                .hasMessageContaining("inflates");
    }

    @Test
    void responsesAndStatusesAreWrittenInTheRequestsEncoding() throws Exception {
        ExportTraceServiceResponse response = ExportTraceServiceResponse.newBuilder()
                .setPartialSuccess(ExportTracePartialSuccess.newBuilder().setRejectedSpans(2).setErrorMessage("bad"))
                .build();

        assertThat(new String(OtlpCodec.encode(response, OtlpEncoding.JSON), StandardCharsets.UTF_8))
                .isEqualTo("{\"partialSuccess\":{\"rejectedSpans\":\"2\",\"errorMessage\":\"bad\"}}");
        assertThat(ExportTraceServiceResponse.parseFrom(OtlpCodec.encode(response, OtlpEncoding.PROTOBUF))).isEqualTo(response);
        assertThat(new String(OtlpCodec.encode(ExportTraceServiceResponse.getDefaultInstance(), OtlpEncoding.JSON),
                StandardCharsets.UTF_8)).isEqualTo("{}");
        Status status = Status.parseFrom(OtlpCodec.encode(OtlpCodec.status(400, "nope"), OtlpEncoding.PROTOBUF));
        assertThat(status.getCode()).isEqualTo(com.google.rpc.Code.INVALID_ARGUMENT_VALUE);
        assertThat(status.getMessage()).isEqualTo("nope");
        assertThat(OtlpCodec.status(503, "later").getCode()).isEqualTo(com.google.rpc.Code.UNAVAILABLE_VALUE);
    }

    @Test
    void contentTypesAreRecognisedWithParametersAndCase() {
        assertThat(OtlpEncoding.of("application/json; charset=utf-8")).contains(OtlpEncoding.JSON);
        assertThat(OtlpEncoding.of("Application/X-Protobuf")).contains(OtlpEncoding.PROTOBUF);
        assertThat(OtlpEncoding.of("text/plain")).isEmpty();
        assertThat(OtlpEncoding.of(null)).isEmpty();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    private static String hex(ByteString id) {
        return HexFormat.of().formatHex(id.toByteArray());
    }
}
