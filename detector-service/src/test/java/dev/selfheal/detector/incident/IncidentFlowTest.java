package dev.selfheal.detector.incident;

import static dev.selfheal.detector.incident.Telemetry.JSON;
import static dev.selfheal.detector.incident.Telemetry.probe;
import static dev.selfheal.testing.KafkaTestClient.header;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.EventTypes;
import dev.selfheal.contracts.v1.FixEvent;
import dev.selfheal.contracts.v1.FixStatus;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.detection.engine.Feedback;
import dev.selfheal.testing.JwtKeyResource;
import dev.selfheal.testing.KafkaResource;
import dev.selfheal.testing.KafkaTestClient;
import dev.selfheal.testing.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Findings to incidents to anomalies, with silences and people's verdicts, through Kafka and PostgreSQL. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = JwtKeyResource.class, scope = TestResourceScope.GLOBAL)
class IncidentFlowTest {

    private static final String ALICE = JwtKeyResource.token("alice", Set.of("approver"));
    private static final String BOB = JwtKeyResource.token("bob", Set.of("operator"));
    private static final String VIEWER = JwtKeyResource.token("mallory", Set.of("viewer"));

    private static final String ANOMALIES = "selfheal.anomalies.v1";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ProbeDetector probes;

    private KafkaTestClient kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient(bootstrap);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void aStormOfOneProblemIsOneIncidentWithACountAnnouncedOnce() throws Exception {
        String service = "checkout-" + Telemetry.hex(6);
        List<SpanRecorded> storm = new ArrayList<>();
        Instant start = Telemetry.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 12; i++) {
            storm.add(probe(service, "POST /orders", "NullPointerException@Orders.place", 0.2 + i / 100.0,
                    Telemetry.advance(Duration.ofMillis(500))));
        }
        try (KafkaConsumer<String, String> anomalies = kafka.subscribe(ANOMALIES)) {
            Telemetry.send(kafka, storm);

            JsonPath incident = await().atMost(PATIENCE).until(
                    () -> given().queryParam("service", service).get("/api/incidents").then().statusCode(200)
                            .extract().jsonPath(),
                    json -> json.getList("$").size() == 1 && json.getInt("[0].findings") == 12);
            String id = incident.getString("[0].id");
            assertThat(incident.getString("[0].status")).isEqualTo("OPEN");
            assertThat(incident.getString("[0].capability")).isEqualTo("ERROR");
            assertThat(incident.getString("[0].handler")).isEqualTo("PROBE POST /orders");
            assertThat(incident.getString("[0].signature")).isEqualTo("NullPointerException@Orders.place");
            assertThat(incident.getDouble("[0].score")).isEqualTo(0.31);
            assertThat(Instant.parse(incident.getString("[0].firstSeen"))).isAfter(start);
            assertThat(Instant.parse(incident.getString("[0].lastSeen")))
                    .isAfter(Instant.parse(incident.getString("[0].firstSeen")));
            String anomalyId = incident.getString("[0].anomalyId");
            assertThat(anomalyId).isNotNull();

            List<ConsumerRecord<String, String>> published = new ArrayList<>();
            String key = service + "/PROBE POST /orders";
            await().atMost(PATIENCE).untilAsserted(() -> {
                anomalies.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        published.add(r);
                    }
                });
                assertThat(published).isNotEmpty();
            });
            anomalies.poll(Duration.ofSeconds(1)).forEach(r -> {
                if (key.equals(r.key())) {
                    published.add(r);
                }
            });
            assertThat(published).as("one storm, one announcement").hasSize(1);
            assertThat(header(published.get(0), "ce_id")).isEqualTo(anomalyId);
            assertThat(header(published.get(0), "ce_type")).isEqualTo("dev.selfheal.anomaly.detected");
            JsonNode event = JSON.readTree(published.get(0).value());
            assertThat(event.get("incidentId").asText()).isEqualTo(id);
            assertThat(event.get("signature").asText()).isEqualTo("NullPointerException@Orders.place");
            assertThat(event.get("capability").asText()).isEqualTo("ERROR");

            given().get("/api/incidents/" + id).then().statusCode(200).body("findings", equalTo(12));
            given().get("/api/anomalies/" + anomalyId).then().statusCode(200)
                    .body("incidentId", equalTo(id)).body("confirmations", equalTo(12))
                    .body("publishedAt", notNullValue());
        }
    }

    @Test
    void aSilencedIncidentIsRecordedButNotAnnouncedUntilTheSilenceEnds() throws Exception {
        String service = "search-" + Telemetry.hex(6);
        Map<String, String> request = Map.of("service", service, "capability", "error", "duration", "PT1H",
                "reason", "load test");
        given().contentType(ContentType.JSON).body(request).post("/api/silences").then().statusCode(401);
        given().auth().oauth2(VIEWER).contentType(ContentType.JSON).body(request).post("/api/silences")
                .then().statusCode(403);
        String silence = given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(request)
                .post("/api/silences").then().statusCode(201).body("createdBy", equalTo("alice"))
                .header("Location", containsString("/api/silences/"))
                .body("active", equalTo(true)).body("capability", equalTo("ERROR"))
                .extract().path("id");
        given().get("/api/silences").then().statusCode(200).body("id", org.hamcrest.Matchers.hasItem(silence));

        Telemetry.send(kafka, List.of(probe(service, "GET /search", "timeout", 1, Telemetry.advance(Duration.ofSeconds(1)))));
        JsonPath silenced = await().atMost(PATIENCE).until(
                () -> given().queryParam("service", service).get("/api/incidents").jsonPath(),
                json -> json.getList("$").size() == 1);
        assertThat(silenced.getString("[0].silenceId")).isEqualTo(silence);
        assertThat(silenced.getString("[0].anomalyId")).isNull();
        given().queryParam("service", service).get("/api/anomalies").then().body("$", hasSize(0));

        given().delete("/api/silences/" + silence).then().statusCode(401);
        given().auth().oauth2(BOB).delete("/api/silences/" + silence).then().statusCode(200)
                .body("active", equalTo(false));
        given().get("/api/silences").then().body("id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(silence)));
        given().queryParam("all", true).get("/api/silences").then().body("id", org.hamcrest.Matchers.hasItem(silence));

        Telemetry.send(kafka, List.of(probe(service, "GET /search", "timeout", 1, Telemetry.advance(Duration.ofSeconds(1)))));
        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("service", service).get("/api/incidents")
                .then().body("[0].anomalyId", notNullValue()).body("[0].findings", equalTo(2)));
        given().queryParam("service", service).get("/api/anomalies").then().body("$", hasSize(1));
    }

    @Test
    void aFalsePositiveResolvesTheIncidentTeachesTheDetectorAndRaisesTheBar() throws Exception {
        String service = "cart-" + Telemetry.hex(6);
        Telemetry.send(kafka, List.of(probe(service, "GET /cart", "stale-cache", 2.0, Telemetry.advance(Duration.ofSeconds(1)))));
        String id = await().atMost(PATIENCE).until(
                () -> given().queryParam("service", service).get("/api/incidents").jsonPath(),
                json -> json.getList("$").size() == 1).getString("[0].id");

        given().contentType(ContentType.JSON).body(Map.of("verdict", "false_positive"))
                .post("/api/incidents/" + id + "/feedback").then().statusCode(401);
        given().auth().oauth2(VIEWER).contentType(ContentType.JSON).body(Map.of("verdict", "false_positive"))
                .post("/api/incidents/" + id + "/feedback").then().statusCode(403);
        given().auth().oauth2(BOB).contentType(ContentType.JSON)
                .body(Map.of("verdict", "false_positive", "comment", "expected"))
                .post("/api/incidents/" + id + "/feedback").then().statusCode(200)
                .body("status", equalTo("RESOLVED")).body("resolution", equalTo("FALSE_POSITIVE"))
                .body("feedback", equalTo("FALSE_POSITIVE"));
        assertThat(probes.received()).anySatisfy(f -> {
            assertThat(f.verdict()).isEqualTo(Feedback.Verdict.FALSE_POSITIVE);
            assertThat(f.service()).isEqualTo(service);
            assertThat(f.signature()).isEqualTo("stale-cache");
            assertThat(f.score()).isEqualTo(2.0);
        });

        // The same finding no stronger than 1.5 times the judged one is held back; a stronger one opens a new incident.
        Telemetry.send(kafka, List.of(probe(service, "GET /cart", "stale-cache", 2.9, Telemetry.advance(Duration.ofSeconds(1))),
                probe(service, "GET /cart", "stale-cache", 3.1, Telemetry.advance(Duration.ofSeconds(1)))));
        JsonPath after = await().atMost(PATIENCE).until(
                () -> given().queryParam("service", service).get("/api/incidents").jsonPath(),
                json -> json.getList("$").size() == 2);
        assertThat(after.getString("[0].status")).isEqualTo("OPEN");
        assertThat(after.getInt("[0].findings")).isEqualTo(1);
        assertThat(after.getDouble("[0].score")).isEqualTo(3.1);
    }

    @Test
    void aConfirmedProblemOpensOneSeverityHigherNextTime() throws Exception {
        String service = "payments-" + Telemetry.hex(6);
        Telemetry.send(kafka, List.of(probe(service, "POST /charges", "gateway-5xx", 1, Telemetry.advance(Duration.ofSeconds(1)))));
        JsonPath first = await().atMost(PATIENCE).until(
                () -> given().queryParam("service", service).get("/api/incidents").jsonPath(),
                json -> json.getList("$").size() == 1);
        assertThat(first.getString("[0].severity")).isEqualTo("MEDIUM");
        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(Map.of("verdict", "CONFIRMED"))
                .post("/api/incidents/" + first.getString("[0].id") + "/feedback").then().statusCode(200)
                .body("status", equalTo("OPEN")).body("feedback", equalTo("CONFIRMED"));

        // Three quiet minutes of event time resolve it; the same problem afterwards is a new incident, one level up.
        Telemetry.send(kafka, List.of(probe("elsewhere-" + Telemetry.hex(4), "GET /tick", "tick", 1,
                Telemetry.advance(Duration.ofMinutes(3)))));
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/incidents/" + first.getString("[0].id"))
                .then().body("status", equalTo("RESOLVED")).body("resolution", equalTo("QUIET")));
        Telemetry.send(kafka, List.of(probe(service, "POST /charges", "gateway-5xx", 1, Telemetry.advance(Duration.ofSeconds(1)))));
        JsonPath second = await().atMost(PATIENCE).until(
                () -> given().queryParam("service", service).get("/api/incidents").jsonPath(),
                json -> json.getList("$").size() == 2);
        assertThat(second.getString("[0].severity")).isEqualTo("HIGH");
        assertThat(second.getString("[0].status")).isEqualTo("OPEN");
    }

    @Test
    void aFixOutcomeFromTheHealerConfirmsItsIncident() throws Exception {
        String service = "inventory-" + Telemetry.hex(6);
        Telemetry.send(kafka, List.of(probe(service, "POST /reservations", "lock-timeout", 1,
                Telemetry.advance(Duration.ofSeconds(1)))));
        String incident = await().atMost(PATIENCE).until(
                () -> given().queryParam("service", service).get("/api/incidents").jsonPath(),
                json -> json.getList("$").size() == 1).getString("[0].id");

        // A rollout is not an outcome yet; the verification's verdict is.
        kafka.send(fixEvent(incident, FixStatus.ROLLED_OUT));
        kafka.send(fixEvent(incident, FixStatus.VERIFIED));

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/incidents/" + incident).then()
                .body("feedback", equalTo("CONFIRMED")).body("status", equalTo("OPEN")));
    }

    private static ProducerRecord<String, String> fixEvent(String incident, FixStatus status) throws Exception {
        String fixId = "fix-" + incident;
        FixEvent event = new FixEvent(fixId, "anomaly-" + incident, Capability.PERFORMANCE, "inventory",
                "POST /reservations", status, "performance.scale-out", "Scale inventory out", "capacity", "selfheal",
                "no finding for the whole window", Instant.now(), incident, "lock-timeout", "LOW", null);
        return KafkaTestClient.cloudEvent("selfheal.fixes.v1", fixId, fixId + ":" + status,
                EventTypes.fix(status), "/selfheal/healer-service", JSON.writeValueAsString(event));
    }

    @Test
    void badVerdictsAndSilencesAreProblemsNamingTheField() {
        String unknown = UUID.randomUUID().toString();
        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(Map.of("verdict", "CONFIRMED"))
                .post("/api/incidents/" + unknown + "/feedback").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(Map.of("verdict", "MAYBE"))
                .post("/api/incidents/" + unknown + "/feedback").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("verdict"));
        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(Map.of("comment", "no verdict"))
                .post("/api/incidents/" + unknown + "/feedback").then().statusCode(400)
                .body("errors[0].field", equalTo("verdict"));
        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body("{\"verdict\": ")
                .post("/api/incidents/" + unknown + "/feedback").then().statusCode(400)
                .contentType("application/problem+json");

        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(Map.of("duration", "PT1H", "reason", "r"))
                .post("/api/silences").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("at least one"));
        given().auth().oauth2(ALICE).contentType(ContentType.JSON)
                .body(Map.of("service", "s", "duration", "P31D", "reason", "r"))
                .post("/api/silences").then().statusCode(400).body("errors[0].field", equalTo("duration"));
        given().auth().oauth2(ALICE).contentType(ContentType.JSON)
                .body(Map.of("service", "s", "duration", "two hours", "reason", "r"))
                .post("/api/silences").then().statusCode(400).body("errors[0].field", equalTo("duration"));
        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(Map.of("service", "s", "duration", "PT1H"))
                .post("/api/silences").then().statusCode(400).body("errors[0].field", equalTo("reason"));
        given().auth().oauth2(ALICE).contentType(ContentType.JSON)
                .body(Map.of("capability", "SLOWNESS", "duration", "PT1H", "reason", "r"))
                .post("/api/silences").then().statusCode(400).body("errors[0].field", equalTo("capability"));
        given().auth().oauth2(ALICE).delete("/api/silences/" + unknown).then().statusCode(404)
                .contentType("application/problem+json");

        for (String limit : List.of("0", "1001", "ten")) {
            given().queryParam("limit", limit).get("/api/incidents").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        }
        given().queryParam("status", "CLOSED").get("/api/incidents").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        given().queryParam("capability", "SLOWNESS").get("/api/anomalies").then().statusCode(400)
                .body("errors[0].field", equalTo("capability")).body("detail", containsString("PERFORMANCE"));
        given().get("/api/incidents/" + unknown).then().statusCode(404).contentType("application/problem+json");
        given().get("/api/anomalies/" + unknown).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void dashboardAndOperationalEndpointsAreServed() {
        given().get("/").then().statusCode(200).body(containsString("Selfheal · detector"));
        given().get("/q/health/live").then().statusCode(200).body(containsString("detection-engine"));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/api/engine").then().statusCode(200).body("detectors", org.hamcrest.Matchers.hasItem("probe"))
                .body("halted", nullValue());
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/incidents"))
                .body(containsString("/api/silences")).body(containsString("/api/engine"))
                .body(containsString("/api/anomalies"));
    }
}
