package dev.selfheal.telemetry.otlp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.rpc.Status;
import dev.selfheal.testing.KafkaResource;
import dev.selfheal.testing.KafkaTestClient;
import dev.selfheal.testing.PostgresResource;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.internal.otlp.logs.LogsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class OtlpResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "selfheal.telemetry.v1";
    private static final Resource SHOP = Resource.getDefault().merge(Resource.create(Attributes.of(
            AttributeKey.stringKey("service.name"), "shop",
            AttributeKey.stringKey("service.version"), "3.1.0",
            AttributeKey.stringKey("deployment.environment.name"), "test")));

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @TestHTTPResource("/v1/traces")
    URL tracesUrl;

    @TestHTTPResource("/v1/logs")
    URL logsUrl;

    @Test
    void sdkExportersOverProtobufDeliverTheTraceAndEveryNormalisedEvent() {
        OtlpHttpSpanExporter spanExporter = OtlpHttpSpanExporter.builder().setEndpoint(tracesUrl.toString())
                .setCompression("gzip").build();
        OtlpHttpLogRecordExporter logExporter = OtlpHttpLogRecordExporter.builder().setEndpoint(logsUrl.toString()).build();

        String traceId = emitOrder(SimpleSpanProcessor.create(spanExporter), SimpleLogRecordProcessor.create(logExporter));

        given().get("/api/traces/" + traceId).then().statusCode(200)
                .body("spans", hasSize(2))
                .body("spans.handler", hasItems("POST /orders", "GET /items"))
                .body("spans.kind", hasItems("SERVER", "CLIENT"))
                .body("spans.environment", hasItem("test"))
                .body("spans.service", hasItem("shop"));
        assertNormalisedEvents(traceId);
    }

    @Test
    void sdkJsonEncodingIsAccepted() throws IOException {
        List<SpanData> spans = new CopyOnWriteArrayList<>();
        List<LogRecordData> logs = new CopyOnWriteArrayList<>();
        String traceId = emitOrder(SimpleSpanProcessor.create(collecting(spans::addAll)),
                SimpleLogRecordProcessor.create(collectingLogs(logs::addAll)));
        ByteArrayOutputStream traceJson = new ByteArrayOutputStream();
        TraceRequestMarshaler.create(spans).writeJsonTo(traceJson);
        ByteArrayOutputStream logJson = new ByteArrayOutputStream();
        LogsRequestMarshaler.create(logs).writeJsonTo(logJson);

        given().contentType("application/json").body(traceJson.toByteArray()).post("/v1/traces")
                .then().statusCode(200).contentType("application/json").body(equalTo("{}"));
        given().contentType("application/json").body(logJson.toByteArray()).post("/v1/logs")
                .then().statusCode(200).contentType("application/json").body(equalTo("{}"));

        given().get("/api/traces/" + traceId).then().statusCode(200).body("spans", hasSize(2));
        assertNormalisedEvents(traceId);
    }

    @Test
    void handWrittenOtlpJsonFilesAreMapped() throws IOException {
        String traceId = "5b8efff798038103d269b633813fc60c";
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap); KafkaConsumer<String, String> consumer = kafka.subscribe(TOPIC)) {
            given().contentType("application/json").body(OtlpFixtures.file("traces.json")).post("/v1/traces")
                    .then().statusCode(200).body(equalTo("{}"));
            given().contentType("application/json; charset=utf-8").body(OtlpFixtures.file("logs.json")).post("/v1/logs")
                    .then().statusCode(200).body(equalTo("{}"));

            // The log record emitted outside any span is keyed by its service rather than a trace.
            List<ConsumerRecord<String, String>> records = KafkaTestClient.poll(consumer,
                    r -> traceId.equals(r.key()) || "orders".equals(r.key()), 7, Duration.ofSeconds(30));
            assertThat(records).hasSize(7);
            Map<String, JsonNode> byType = byType(records.stream().filter(r -> traceId.equals(r.key())).toList());
            assertThat(byType).containsOnlyKeys("dev.selfheal.telemetry.span.recorded",
                    "dev.selfheal.telemetry.error.observed", "dev.selfheal.telemetry.dependency.called",
                    "dev.selfheal.telemetry.state.mutated", "dev.selfheal.telemetry.log.recorded");
            assertThat(byType.get("dev.selfheal.telemetry.error.observed").get("messageTemplate").asText())
                    .isEqualTo("order <*> has no items");
            assertThat(byType.get("dev.selfheal.telemetry.dependency.called").get("target").asText())
                    .isEqualTo("postgresql/shop");
            assertThat(byType.get("dev.selfheal.telemetry.log.recorded").get("severity").asText()).isEqualTo("ERROR");
            assertThat(records).filteredOn(r -> "orders".equals(r.key())).singleElement().satisfies(r -> {
                assertThat(KafkaTestClient.header(r, "ce_type")).isEqualTo("dev.selfheal.telemetry.log.recorded");
                assertThat(JSON.readTree(r.value()).get("body").asText()).isEqualTo("order service ready");
            });
        }
        given().get("/api/traces/" + traceId).then().statusCode(200)
                .body("spans", hasSize(2)).body("spans.attributes.'code.function'", hasItem("create"));
    }

    @Test
    void someInvalidSpansAreDroppedAndReportedAsPartialSuccess() throws Exception {
        String traceId = hex(32);
        ExportTraceServiceRequest request = OtlpFixtures.request(
                OtlpFixtures.resource(OtlpFixtures.attr("service.name", "shop")),
                OtlpFixtures.span(hex(16), "GET /ok").setTraceId(OtlpFixtures.id(traceId)),
                OtlpFixtures.span(hex(16), "").setTraceId(OtlpFixtures.id(traceId)),
                OtlpFixtures.span(hex(16), "GET /zero").setTraceId(ByteString.copyFrom(new byte[16])));

        byte[] body = given().contentType("application/x-protobuf").body(request.toByteArray()).post("/v1/traces")
                .then().statusCode(200).contentType("application/x-protobuf").extract().asByteArray();

        ExportTraceServiceResponse response = ExportTraceServiceResponse.parseFrom(body);
        assertThat(response.getPartialSuccess().getRejectedSpans()).isEqualTo(2);
        assertThat(response.getPartialSuccess().getErrorMessage()).contains("name").contains("traceId");
        given().get("/api/traces/" + traceId).then().statusCode(200)
                .body("spans", hasSize(1)).body("spans[0].handler", equalTo("GET /ok"));

        given().contentType("application/json")
                .body("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"" + traceId
                        + "\",\"spanId\":\"xyz\",\"name\":\"GET /bad\",\"startTimeUnixNano\":\"1\"}]}]}]}")
                .post("/v1/traces")
                .then().statusCode(200).contentType("application/json")
                .body("partialSuccess.rejectedSpans", equalTo("1"))
                .body("partialSuccess.errorMessage", containsString("spanId"));
    }

    @Test
    void badInputGetsTheOtlpStatusCodeWithAStatusInTheRequestsEncoding() throws Exception {
        byte[] undecodable = {0x0A, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F};
        byte[] status = given().contentType("application/x-protobuf").body(undecodable).post("/v1/traces")
                .then().statusCode(400).contentType("application/x-protobuf").extract().asByteArray();
        assertThat(Status.parseFrom(status).getMessage()).contains("protobuf");

        given().contentType("application/json").body("{\"resourceLogs\": [").post("/v1/logs")
                .then().statusCode(400).contentType("application/json")
                .body("code", equalTo(3)).body("message", containsString("JSON"));

        given().contentType("application/json").header("Content-Encoding", "gzip").body("not gzip at all").post("/v1/traces")
                .then().statusCode(400).contentType("application/json").body("message", containsString("gzip"));

        given().contentType("text/plain").body("hello").post("/v1/traces")
                .then().statusCode(415).contentType("application/problem+json")
                .body("detail", containsString("text/plain"));

        byte[] overLimit = new byte[1024 * 1024 + 1];
        given().contentType("application/x-protobuf").body(overLimit).post("/v1/logs")
                .then().statusCode(413).contentType("application/x-protobuf");

        byte[] bomb = OtlpCodecTest.gzip(new byte[4 * 1024 * 1024]);
        given().contentType("application/json").header("Content-Encoding", "gzip").body(bomb).post("/v1/traces")
                .then().statusCode(413).body("message", containsString("inflates"));
    }

    /** A server span that calls a dependency, mutates state, fails, and logs, as an instrumented service would. */
    private static String emitOrder(io.opentelemetry.sdk.trace.SpanProcessor spans,
            io.opentelemetry.sdk.logs.LogRecordProcessor logs) {
        SdkTracerProvider tracerProvider = SdkTracerProvider.builder().setResource(SHOP).addSpanProcessor(spans).build();
        SdkLoggerProvider loggerProvider = SdkLoggerProvider.builder().setResource(SHOP).addLogRecordProcessor(logs).build();
        try {
            Tracer tracer = tracerProvider.get("dev.selfheal.test");
            Span server = tracer.spanBuilder("POST /orders").setSpanKind(SpanKind.SERVER)
                    .setAttribute("code.namespace", "com.shop.OrderResource").startSpan();
            try (Scope ignored = server.makeCurrent()) {
                tracer.spanBuilder("GET /items").setSpanKind(SpanKind.CLIENT)
                        .setAttribute("peer.service", "inventory").setAttribute("http.request.method", "GET")
                        .startSpan().end();
                server.addEvent("state.mutation", Attributes.of(AttributeKey.stringKey("state.key"), "order.status",
                        AttributeKey.stringKey("state.value"), "PENDING"));
                loggerProvider.get("com.shop.OrderService").logRecordBuilder().setSeverity(Severity.ERROR)
                        .setSeverityText("ERROR").setBody("order 42 has no items").emit();
                server.recordException(new IllegalStateException("order 42 has no items"));
                server.setStatus(StatusCode.ERROR);
            } finally {
                server.end();
            }
            assertThat(tracerProvider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).as("spans exported").isTrue();
            assertThat(loggerProvider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).as("logs exported").isTrue();
            return server.getSpanContext().getTraceId();
        } finally {
            tracerProvider.shutdown().join(10, TimeUnit.SECONDS);
            loggerProvider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    private void assertNormalisedEvents(String traceId) {
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap); KafkaConsumer<String, String> consumer = kafka.subscribe(TOPIC)) {
            List<ConsumerRecord<String, String>> records = KafkaTestClient.poll(consumer, r -> traceId.equals(r.key()), 6,
                    Duration.ofSeconds(30));
            assertThat(records).extracting(r -> KafkaTestClient.header(r, "ce_type")).containsExactlyInAnyOrder(
                    "dev.selfheal.telemetry.span.recorded", "dev.selfheal.telemetry.span.recorded",
                    "dev.selfheal.telemetry.error.observed", "dev.selfheal.telemetry.dependency.called",
                    "dev.selfheal.telemetry.state.mutated", "dev.selfheal.telemetry.log.recorded");
            assertThat(records).allSatisfy(r -> {
                assertThat(KafkaTestClient.header(r, "ce_source")).isEqualTo("/selfheal/telemetry-service");
                assertThat(KafkaTestClient.header(r, "ce_id")).isNotBlank();
            });
            Map<String, JsonNode> byType = byType(records);
            JsonNode error = byType.get("dev.selfheal.telemetry.error.observed");
            assertThat(error.get("exceptionType").asText()).isEqualTo("java.lang.IllegalStateException");
            assertThat(error.get("messageTemplate").asText()).isEqualTo("order <*> has no items");
            assertThat(error.get("topFrame").asText()).startsWith(OtlpResourceTest.class.getName());
            assertThat(error.get("service").asText()).isEqualTo("shop");
            assertThat(byType.get("dev.selfheal.telemetry.dependency.called").get("target").asText()).isEqualTo("inventory");
            assertThat(byType.get("dev.selfheal.telemetry.state.mutated").get("value").asText()).isEqualTo("PENDING");
            JsonNode log = byType.get("dev.selfheal.telemetry.log.recorded");
            assertThat(log.get("severity").asText()).isEqualTo("ERROR");
            assertThat(log.get("environment").asText()).isEqualTo("test");
            assertThat(log.get("spanId").asText()).isEqualTo(error.get("spanId").asText());
        }
    }

    private static Map<String, JsonNode> byType(List<ConsumerRecord<String, String>> records) {
        return records.stream().collect(Collectors.toMap(r -> KafkaTestClient.header(r, "ce_type"), r -> {
            try {
                return JSON.readTree(r.value());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, (first, second) -> first));
    }

    private static SpanExporter collecting(Consumer<Collection<SpanData>> sink) {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                sink.accept(new ArrayList<>(spans));
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }

    private static LogRecordExporter collectingLogs(Consumer<Collection<LogRecordData>> sink) {
        return new LogRecordExporter() {
            @Override
            public CompletableResultCode export(Collection<LogRecordData> logs) {
                sink.accept(new ArrayList<>(logs));
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }

    private static String hex(int digits) {
        return java.util.UUID.randomUUID().toString().replace("-", "").substring(0, digits);
    }
}
