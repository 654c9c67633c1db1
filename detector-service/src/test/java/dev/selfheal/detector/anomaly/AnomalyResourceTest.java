package dev.selfheal.detector.anomaly;

import static dev.selfheal.testing.KafkaTestClient.header;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.selfheal.contracts.v1.EventTypes;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.SpanStatus;
import dev.selfheal.detector.latency.LatencyPoint;
import dev.selfheal.detector.latency.LatencySampleRepository;
import dev.selfheal.testing.KafkaResource;
import dev.selfheal.testing.KafkaTestClient;
import dev.selfheal.testing.PostgresResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class AnomalyResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String TELEMETRY = "selfheal.telemetry.v1";
    private static final String ANOMALIES = "selfheal.anomalies.v1";
    private static final String DEAD_LETTERS = "selfheal.telemetry.v1.detector.dlq";
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private KafkaTestClient kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient(bootstrap);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Inject
    LatencySampleRepository samples;

    private final Random random = new Random(42);

    @Test
    void aLatencyRegressionRaisesExactlyOnePerformanceAnomalyAndASteadyHandlerNone() throws Exception {
        String service = "checkout-" + hex(6);
        String regressed = "POST /orders";
        String steady = "GET /cart";
        Instant t0 = Instant.now().minusSeconds(3600);
        Set<String> slowTraces = new HashSet<>();
        List<SpanRecorded> spans = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            boolean slow = i >= 200;
            SpanRecorded span = span(service, slow ? "1.1.0" : "1.0.0", regressed, t0.plusMillis(100L * i),
                    noisy(slow ? 200 : 20));
            if (slow) {
                slowTraces.add(span.traceId());
            }
            spans.add(span);
            // A steady neighbour, with the odd spike, in the same service and the same versions.
            spans.add(span(service, slow ? "1.1.0" : "1.0.0", steady, t0.plusMillis(100L * i + 50),
                    random.nextDouble() < 0.03 ? 400 : noisy(15)));
        }

        try (KafkaConsumer<String, String> anomalies = kafka.subscribe(ANOMALIES)) {
            send(spans);

            await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("service", service)
                    .get("/api/baselines").then().statusCode(200)
                    .body("samples", equalTo(List.of(240, 240))));

            JsonPath baselines = given().queryParam("service", service).get("/api/baselines").jsonPath();
            assertThat(baselines.getList("handler")).containsExactly(steady, regressed);
            assertThat(baselines.getString("[0].state")).isEqualTo("STEADY");
            assertThat(baselines.getDouble("[0].baselineP50Ms")).isBetween(12.0, 18.0);
            assertThat(baselines.getInt("[0].baselineSamples")).isEqualTo(210);

            JsonPath found = given().queryParam("service", service).get("/api/anomalies")
                    .then().statusCode(200).body("$", hasSize(1)).extract().jsonPath();
            String id = found.getString("[0].anomalyId");
            assertThat(found.getString("[0].capability")).isEqualTo("PERFORMANCE");
            assertThat(found.getString("[0].handler")).isEqualTo(regressed);
            assertThat(found.getString("[0].version")).isEqualTo("1.1.0");
            assertThat(found.getString("[0].severity")).isIn("HIGH", "CRITICAL");
            assertThat(found.getBoolean("[0].open")).isTrue();
            assertThat(found.getInt("[0].confirmations")).as("the slowdown went on and stayed one anomaly").isGreaterThan(1);
            Map<String, Float> figures = found.getMap("[0].evidence.figures");
            assertThat(figures.get("baseline.p50Ms")).isBetween(17f, 23f);
            // It fires as soon as both percentiles cleared the effect size, before the whole window is slow.
            assertThat(figures.get("observed.p50Ms")).isGreaterThanOrEqualTo(1.5f * figures.get("baseline.p50Ms"));
            assertThat(figures.get("observed.p95Ms")).isGreaterThanOrEqualTo(1.5f * figures.get("baseline.p95Ms"))
                    .isGreaterThan(150f);
            assertThat(figures.get("p95Ratio"))
                    .isCloseTo(figures.get("observed.p95Ms") / figures.get("baseline.p95Ms"), within(1e-3f));
            assertThat(figures.get("observed.samples")).isEqualTo(30f);
            assertThat(figures.get("baseline.samples")).isGreaterThanOrEqualTo(50f);
            assertThat(figures.get("pValue")).isLessThan(0.001f);
            assertThat(found.getDouble("[0].score")).isGreaterThanOrEqualTo(1.5);
            assertThat(found.getString("[0].evidence.details['baseline.versions']")).isEqualTo("1.0.0");
            assertThat(found.getString("[0].evidence.details['observed.versions']")).contains("1.1.0");
            assertThat(found.getList("[0].evidence.exampleTraceIds", String.class))
                    .hasSizeBetween(1, 5).allMatch(slowTraces::contains);
            assertThat(found.getString("[0].summary")).contains(regressed, service, "1.1.0");

            given().get("/api/anomalies/" + id).then().statusCode(200)
                    .body("anomalyId", equalTo(id)).body("service", equalTo(service));
            given().queryParam("service", service).queryParam("capability", "error").get("/api/anomalies")
                    .then().statusCode(200).body("$", hasSize(0));

            String key = service + "/" + regressed;
            List<ConsumerRecord<String, String>> published = new ArrayList<>();
            await().atMost(PATIENCE).untilAsserted(() -> {
                anomalies.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        published.add(r);
                    }
                });
                assertThat(published).isNotEmpty();
            });
            given().get("/api/anomalies/" + id).then().body("publishedAt", notNullValue());
            anomalies.poll(Duration.ofSeconds(1)).forEach(r -> {
                if (key.equals(r.key())) {
                    published.add(r);
                }
            });
            assertThat(published).as("one storm, one event").hasSize(1);
            ConsumerRecord<String, String> event = published.get(0);
            assertThat(header(event, "ce_id")).isEqualTo(id);
            assertThat(header(event, "ce_type")).isEqualTo("dev.selfheal.anomaly.detected");
            assertThat(header(event, "ce_source")).isEqualTo("/selfheal/detector-service");
            assertThat(header(event, "ce_specversion")).isEqualTo("1.0");
            JsonNode payload = JSON.readTree(event.value());
            assertThat(payload.get("anomalyId").asText()).isEqualTo(id);
            assertThat(payload.get("capability").asText()).isEqualTo("PERFORMANCE");
            assertThat(payload.get("version").asText()).isEqualTo("1.1.0");
            JsonNode evidence = payload.get("evidence");
            for (String figure : List.of("baseline.p50Ms", "baseline.p95Ms", "baseline.samples", "observed.p50Ms",
                    "observed.p95Ms", "observed.samples", "pValue", "p95Ratio")) {
                assertThat(evidence.get("figures").has(figure)).as(figure).isTrue();
            }
            assertThat(evidence.get("details").get("observed.versions").asText()).contains("1.1.0");
            assertThat(evidence.get("exampleTraceIds")).isNotEmpty();
        }

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("selfheal_detector_anomalies_total{capability=\"PERFORMANCE\",service=\"" + service + "\"} 1.0");
        assertThat(metrics).contains("selfheal_detector_samples_total{service=\"" + service + "\"} 480.0");
    }

    @Test
    void aRedeliveredEventIsCountedOnce() throws Exception {
        String service = "cart-" + hex(6);
        SpanRecorded span = span(service, "1.0.0", "GET /items", Instant.now(), 12);
        SpanRecorded marker = span(service, "1.0.0", "GET /marker", Instant.now(), 3);
        String key = span.traceId();
        String payload = JSON.writeValueAsString(span);
        try (KafkaProducer<String, String> producer = kafka.newProducer()) {
            producer.send(record(span.eventId(), key, payload));
            producer.send(record(span.eventId(), key, payload));
            // Same key, so the same partition: once the marker is counted, both copies were consumed.
            producer.send(record(marker.eventId(), key, JSON.writeValueAsString(marker)));
        }

        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("service", service).get("/api/baselines")
                .then().statusCode(200).body("handler", equalTo(List.of("GET /items", "GET /marker"))));
        given().queryParam("service", service).get("/api/baselines")
                .then().body("samples", equalTo(List.of(1, 1))).body("[0].state", equalTo("LEARNING"));
    }

    @Test
    void otherEventTypesOnTheTelemetryTopicAreSkippedNotDeadLettered() throws Exception {
        String service = "logs-" + hex(6);
        String key = hex(32);
        SpanRecorded marker = span(service, "1.0.0", "GET /marker", Instant.now(), 3);
        ProducerRecord<String, String> log = record(UUID.randomUUID().toString(), key,
                "{\"service\":\"" + service + "\",\"body\":\"cache warmed\"}");
        log.headers().remove("ce_type");
        log.headers().add("ce_type", "dev.selfheal.telemetry.log.recorded".getBytes(StandardCharsets.UTF_8));
        try (KafkaConsumer<String, String> deadLetters = kafka.subscribe(DEAD_LETTERS);
                KafkaProducer<String, String> producer = kafka.newProducer()) {
            producer.send(log);
            // Same key, so the same partition: once the marker is counted, the log event was consumed before it.
            producer.send(record(marker.eventId(), key, JSON.writeValueAsString(marker)));
            producer.flush();

            await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("service", service).get("/api/baselines")
                    .then().statusCode(200).body("handler", equalTo(List.of("GET /marker"))));
            List<String> deadKeys = new ArrayList<>();
            deadLetters.poll(Duration.ofSeconds(2)).forEach(r -> deadKeys.add(r.key()));
            assertThat(deadKeys).doesNotContain(key);
        }
    }

    @Test
    void unreadableAndIncompleteSpansGoToTheDeadLetterTopic() throws Exception {
        String garbled = "garbled-" + hex(8);
        String incomplete = "incomplete-" + hex(8);
        SpanRecorded noHandler = span("billing", "1.0.0", null, Instant.now(), 5);
        try (KafkaConsumer<String, String> deadLetters = kafka.subscribe(DEAD_LETTERS);
                KafkaProducer<String, String> producer = kafka.newProducer()) {
            producer.send(record(UUID.randomUUID().toString(), garbled, "{\"service\": \"billing\", "));
            producer.send(record(noHandler.eventId(), incomplete, JSON.writeValueAsString(noHandler)));
            producer.flush();

            Map<String, ConsumerRecord<String, String>> dead = new HashMap<>();
            await().atMost(PATIENCE).untilAsserted(() -> {
                deadLetters.poll(Duration.ofMillis(200)).forEach(r -> dead.put(r.key(), r));
                assertThat(dead).containsKeys(garbled, incomplete);
            });
            assertThat(header(dead.get(incomplete), "dead-letter-reason")).contains("handler");
            assertThat(header(dead.get(garbled), "dead-letter-reason")).isNotBlank();
        }
        given().queryParam("service", "billing").get("/api/baselines").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void pruningKeepsTheLatestSamplesAndSamplesThatStartedTogetherAreOrderedByArrival() throws Throwable {
        String service = "search-" + hex(6);
        Instant sameStart = Instant.now();
        String key = hex(32);
        try (KafkaProducer<String, String> producer = kafka.newProducer()) {
            for (int i = 0; i < 5; i++) {
                SpanRecorded span = span(service, "2.0.0", "GET /search", sameStart, 8 + i);
                // One key, so one partition: they arrive in the order sent.
                producer.send(record(span.eventId(), key, JSON.writeValueAsString(span)));
            }
        }
        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("service", service).get("/api/baselines")
                .then().body("samples", equalTo(List.of(5))));

        assertThat(latestDurations(service, "GET /search", 2)).containsExactly(12.0, 11.0);
        assertThat(prune(service, "GET /search", 2)).isEqualTo(3);
        assertThat(prune(service, "GET /search", 2)).isZero();
        assertThat(latestDurations(service, "GET /search", 10)).containsExactly(12.0, 11.0);
        given().queryParam("service", service).get("/api/baselines")
                .then().body("samples", equalTo(List.of(5))).body("[0].recentP50Ms", equalTo(10.0f));
    }

    @Test
    void malformedQueriesAreProblemsNamingTheParameter() {
        for (String limit : List.of("0", "501", "ten")) {
            given().queryParam("limit", limit).get("/api/anomalies")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("status", equalTo(400)).body("errors[0].field", equalTo("limit"))
                    .body("detail", containsString("1 to 500"));
        }
        given().queryParam("capability", "SLOWNESS").get("/api/anomalies")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("capability")).body("detail", containsString("PERFORMANCE"));
        given().queryParam("service", " ").get("/api/anomalies")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("service"));
        given().queryParam("service", "x".repeat(256)).get("/api/baselines")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("service"));
        given().get("/api/anomalies/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        given().contentType("application/json").body("{}").post("/api/anomalies")
                .then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void dashboardAndOperationalEndpointsAreServed() {
        given().get("/").then().statusCode(200).body(containsString("Selfheal · detector"));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/anomalies")).body(containsString("/api/baselines"));
    }

    private int prune(String service, String handler, int keep) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(
                () -> Panache.withTransaction(() -> samples.prune(service, handler, keep)));
    }

    private List<Double> latestDurations(String service, String handler, int limit) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                () -> samples.latest(service, handler, limit))).stream().map(LatencyPoint::durationMs).toList();
    }

    private double noisy(double medianMs) {
        return medianMs * Math.exp(0.15 * random.nextGaussian());
    }

    private static String hex(int digits) {
        return UUID.randomUUID().toString().replace("-", "").substring(0, digits);
    }

    private static SpanRecorded span(String service, String version, String handler, Instant start, double ms) {
        return new SpanRecorded(service, version, hex(32), hex(16), null, handler, start, ms, SpanStatus.OK,
                Map.of("http.route", "/"));
    }

    /** Sends spans as telemetry-service does: binary CloudEvents keyed by trace id. */
    private void send(List<SpanRecorded> spans) throws Exception {
        try (KafkaProducer<String, String> producer = kafka.newProducer()) {
            for (SpanRecorded span : spans) {
                producer.send(record(span.eventId(), span.traceId(), JSON.writeValueAsString(span)));
            }
        }
    }

    private static ProducerRecord<String, String> record(String id, String key, String payload) {
        return KafkaTestClient.cloudEvent(TELEMETRY, key, id, EventTypes.SPAN_RECORDED, "/selfheal/telemetry-service",
                payload);
    }
}
