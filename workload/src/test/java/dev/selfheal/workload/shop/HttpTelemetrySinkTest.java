package dev.selfheal.workload.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpTelemetrySinkTest {

    private HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusals = new AtomicInteger();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type"));
            bodies.add(body);
            if (exchange.getRequestURI().getQuery() != null && exchange.getRequestURI().getQuery().contains("service=&")) {
                exchange.sendResponseHeaders(400, -1);
            } else if (refusals.getAndDecrement() > 0) {
                exchange.getResponseHeaders().add("Retry-After", "3");
                exchange.sendResponseHeaders(503, -1);
            } else {
                byte[] answer = exchange.getRequestURI().getPath().equals("/v1/traces")
                        ? ExportTraceServiceResponse.getDefaultInstance().toByteArray() : "{}".getBytes();
                exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/v1/traces") ? 200 : 202,
                        answer.length == 0 ? -1 : answer.length);
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpTelemetrySink sink() {
        return new HttpTelemetrySink("http://127.0.0.1:" + server.getAddress().getPort() + "/", waits::add);
    }

    @Test
    void aRefusedExportIsSentAgainAfterRetryAfter() throws Exception {
        refusals.set(2);
        ExportTraceServiceRequest request = OtlpEncoder.encode(
                Spans.traffic(Spans.shop(new Deployment(), 1), Perturbation.NONE, 3, 1_000_000_000L));
        HttpTelemetrySink sink = sink();

        sink.export(request);

        assertThat(received).containsExactly("POST /v1/traces application/x-protobuf",
                "POST /v1/traces application/x-protobuf", "POST /v1/traces application/x-protobuf");
        assertThat(bodies).allSatisfy(b -> assertThat(ExportTraceServiceRequest.parseFrom(b)).isEqualTo(request));
        assertThat(waits).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
        assertThat(sink.retries()).isEqualTo(2);
        assertThat(sink.requests()).isEqualTo(1);
    }

    @Test
    void evidenceGoesToItsEndpointsWithServiceVersionAndContentType() throws Exception {
        HttpTelemetrySink sink = sink();
        sink.spec("cart", "1.8.0", "{}");
        sink.testReport("cart", "1.8.0", "<report/>");
        assertThat(received).containsExactly("POST /api/specs?service=cart&version=1.8.0 application/json",
                "POST /api/test-reports?service=cart&version=1.8.0 application/xml");
    }

    @Test
    void anAnswerThatRetryingWouldNotChangeIsAnError() {
        refusals.set(0);
        assertThatThrownBy(() -> sink().spec("", "1.0.0", "{}")).isInstanceOf(IOException.class)
                .hasMessageContaining("answered 400");
        assertThat(received).hasSize(1);
    }

    @Test
    void aTelemetryServiceThatStaysAwayIsAnErrorAfterTheLastAttempt() {
        refusals.set(Integer.MAX_VALUE);
        assertThatThrownBy(() -> sink().testReport("cart", "1.8.0", "<report/>"))
                .isInstanceOf(IOException.class).hasMessageContaining("gave up after " + HttpTelemetrySink.MAX_ATTEMPTS);
        assertThat(received).hasSize(HttpTelemetrySink.MAX_ATTEMPTS);
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        assertThat(HttpTelemetrySink.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(HttpTelemetrySink.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
    }
}
