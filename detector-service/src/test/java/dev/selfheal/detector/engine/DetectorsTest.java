package dev.selfheal.detector.engine;

import static dev.selfheal.detector.incident.Telemetry.JSON;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.selfheal.contracts.v1.ErrorObserved;
import dev.selfheal.contracts.v1.EventTypes;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.testing.JwtKeyResource;
import dev.selfheal.detector.incident.Telemetry;
import dev.selfheal.testing.KafkaResource;
import dev.selfheal.testing.KafkaTestClient;
import dev.selfheal.testing.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The seven real detectors inside the service, on telemetry published as telemetry-service publishes it. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = JwtKeyResource.class, scope = TestResourceScope.GLOBAL)
class DetectorsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private KafkaTestClient kafka;
    private final Random random = new Random(7);

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient(bootstrap);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void aSlowReleaseIsOnePerformanceIncidentNamingBothVersionsAndASteadyNeighbourNone() throws Exception {
        String service = "checkout-" + Telemetry.hex(6);
        List<SpanRecorded> spans = new ArrayList<>();
        Set<String> slowTraces = new HashSet<>();
        for (int i = 0; i < 800; i++) {
            boolean slow = i >= 600;
            Instant at = Telemetry.advance(Duration.ofMillis(100));
            SpanRecorded order = Telemetry.span(service, slow ? "1.1.0" : "1.0.0", "POST /orders", at,
                    noisy(slow ? 200 : 20), Map.of("http.route", "/orders"));
            if (slow) {
                slowTraces.add(order.traceId());
            }
            spans.add(order);
            spans.add(Telemetry.span(service, slow ? "1.1.0" : "1.0.0", "GET /cart", at.plusMillis(50), noisy(8),
                    Map.of("http.route", "/cart")));
        }
        Telemetry.send(kafka, spans);

        JsonPath incidents = await().atMost(PATIENCE).until(
                () -> given().queryParam("service", service).queryParam("capability", "PERFORMANCE")
                        .get("/api/incidents").jsonPath(),
                json -> !json.getList("$").isEmpty() && json.getString("[0].anomalyId") != null);
        assertThat(incidents.getList("handler")).containsOnly("POST /orders");
        assertThat(incidents.getList("$")).hasSize(1);
        assertThat(incidents.getString("[0].version")).isEqualTo("1.1.0");
        assertThat(incidents.getString("[0].signature")).isEqualTo("latency");
        assertThat(incidents.getString("[0].severity")).isIn("HIGH", "CRITICAL");
        assertThat(Instant.parse(incidents.getString("[0].onset")))
                .as("the onset is placed at the release, not at the decision")
                .isBeforeOrEqualTo(Instant.parse(incidents.getString("[0].firstSeen")));

        JsonPath anomaly = given().get("/api/anomalies/" + incidents.getString("[0].anomalyId")).jsonPath();
        assertThat(anomaly.getString("capability")).isEqualTo("PERFORMANCE");
        assertThat(anomaly.getString("evidence.details['baseline.versions']")).isEqualTo("1.0.0");
        assertThat(anomaly.getString("evidence.details['observed.versions']")).isEqualTo("1.1.0");
        assertThat(anomaly.getFloat("evidence.figures['observed.p95Ms']"))
                .isGreaterThan(3 * anomaly.getFloat("evidence.figures['baseline.p95Ms']"));
        assertThat(anomaly.getList("evidence.exampleTraceIds", String.class)).isNotEmpty().allMatch(slowTraces::contains);
        assertThat(anomaly.getString("summary")).contains("POST /orders", service, "1.1.0");
    }

    @Test
    void aNewErrorSignatureAfterTheLearningPeriodIsAnErrorIncident() throws Exception {
        String service = "payments-" + Telemetry.hex(6);
        List<SpanRecorded> spans = new ArrayList<>();
        // Sixteen minutes of ordinary traffic: the detector learns which errors this service has.
        for (int i = 0; i < 200; i++) {
            spans.add(Telemetry.span(service, "5.0.4", "POST /charges", Telemetry.advance(Duration.ofSeconds(5)),
                    noisy(30), Map.of("http.route", "/charges")));
        }
        Telemetry.send(kafka, spans);
        String signature = ErrorObserved.signatureOf("java.lang.IllegalStateException", "ledger <*> is closed",
                "com.shop.Ledger.post(Ledger.java:88)");
        try (KafkaProducer<String, String> producer = kafka.newProducer()) {
            for (int i = 0; i < 4; i++) {
                SpanRecorded failed = Telemetry.span(service, "5.0.4", "POST /charges",
                        Telemetry.advance(Duration.ofSeconds(1)), noisy(30), Map.of("http.route", "/charges"));
                ErrorObserved error = new ErrorObserved(service, "5.0.4", null, failed.traceId(), failed.spanId(),
                        "POST /charges", failed.start(), "java.lang.IllegalStateException", "ledger 42 is closed",
                        "ledger <*> is closed", "com.shop.Ledger.post(Ledger.java:88)", signature);
                producer.send(Telemetry.record(EventTypes.SPAN_RECORDED, failed.eventId(), failed.traceId(),
                        JSON.writeValueAsString(failed)));
                producer.send(Telemetry.record(EventTypes.ERROR_OBSERVED, error.eventId(), failed.traceId(),
                        JSON.writeValueAsString(error)));
            }
            producer.flush();
        }

        JsonPath incidents = await().atMost(PATIENCE).until(
                () -> given().queryParam("service", service).queryParam("capability", "ERROR")
                        .get("/api/incidents").jsonPath(),
                json -> json.getList("signature").contains(signature));
        Map<String, Object> incident = incidents.getMap("find { it.signature == '" + signature + "' }");
        assertThat(incident).containsEntry("handler", "POST /charges").containsEntry("status", "OPEN");
        assertThat(incident.get("summary").toString()).contains("IllegalStateException");
    }

    private double noisy(double medianMs) {
        return medianMs * Math.exp(0.2 * random.nextGaussian());
    }
}
