package dev.selfheal.docs.page;

import static dev.selfheal.testing.KafkaTestClient.header;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.EventTypes;
import dev.selfheal.contracts.v1.FixEvent;
import dev.selfheal.contracts.v1.FixStatus;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.SpanStatus;
import dev.selfheal.testing.KafkaResource;
import dev.selfheal.testing.KafkaTestClient;
import dev.selfheal.testing.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class DocsResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private KafkaTestClient kafka;

    @BeforeEach
    void producer() {
        RestAssured.config = RestAssured.config().jsonConfig(
                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
        kafka = new KafkaTestClient(bootstrap);
    }

    @AfterEach
    void closeProducer() {
        kafka.close();
    }

    @Test
    void handlerFiguresComeFromObservedTelemetryAndARedeliveredSpanCountsOnce() throws Exception {
        String service = unique("inventory");
        List<SpanRecorded> spans = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            spans.add(span(service, i <= 50 ? "1.0.0" : "1.1.0", "GET /items", T0.plusSeconds(i), i,
                    i % 20 == 0 ? SpanStatus.ERROR : SpanStatus.OK));
        }
        spans.add(span(service, "1.1.0", "POST /items", T0, 7.0, SpanStatus.OK));
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (SpanRecorded s : spans) {
            sent.add(publishSpan(service, s));
        }
        for (Future<RecordMetadata> f : sent) {
            f.get();
        }

        JsonPath first = awaitPage(service, page -> page.getList("handlers").size() == 2
                && Integer.valueOf(100).equals(page.get("handlers.find { it.handler == 'GET /items' }.calls")));
        int firstVersion = first.getInt("version");

        given().get("/api/docs/" + service).then().statusCode(200)
                .body("service", equalTo(service))
                .body("handlers.handler", equalTo(List.of("GET /items", "POST /items")))
                .body("handlers[0].calls", equalTo(100))
                .body("handlers[0].errors", equalTo(5))
                .body("handlers[0].errorRate", closeTo(0.05, 1e-9))
                // percentile_cont interpolates: the durations are 1..100 ms
                .body("handlers[0].p50Ms", closeTo(50.5, 1e-9))
                .body("handlers[0].p95Ms", closeTo(95.05, 1e-9))
                .body("handlers[0].p99Ms", closeTo(99.01, 1e-9))
                .body("handlers[0].versions", equalTo(List.of("1.0.0", "1.1.0")))
                .body("handlers[0].firstSeen", equalTo(T0.plusSeconds(1).toString()))
                .body("handlers[1].calls", equalTo(1))
                .body("fixes.size()", equalTo(0));

        // The same event again (same ce_id), then a new one behind it on the same partition.
        sendSpan(service, spans.get(0));
        SpanRecorded later = span(service, "1.2.0", "GET /items", T0.plusSeconds(500), 1000, SpanStatus.OK);
        sendSpan(service, later);

        JsonPath after = awaitPage(service,
                page -> later.start().toString().equals(page.getString("handlers[0].lastSeen")));
        assertThat(after.getLong("handlers[0].calls")).as("the redelivered span is not counted twice").isEqualTo(101);
        assertThat(after.getList("handlers[0].versions")).containsExactly("1.0.0", "1.1.0", "1.2.0");
        assertThat(after.getInt("version")).isGreaterThan(firstVersion);

        String markdown = given().get("/api/docs/" + service + ".md").then().statusCode(200)
                .contentType(containsString("text/markdown")).extract().asString();
        assertThat(markdown).startsWith("# " + service + "\n")
                .contains("| `GET /items` | 101 | 5 | 4.95% |")
                .contains("| `POST /items` | 1 | 0 | 0.00% | 7.0 ms | 7.0 ms | 7.0 ms | 1.1.0 |");
    }

    @Test
    void rolledOutFixIsDocumentedInJsonAndMarkdownAndAnnounced() throws Exception {
        String service = unique("checkout");
        String applied = unique("fix");
        String pending = unique("fix");
        try (KafkaConsumer<String, String> announcements = kafka.subscribe(EventTypes.DOCS_TOPIC)) {
            sendSpan(service, span(service, "2.0.0", "POST /orders", T0, 42.0, SpanStatus.OK));
            JsonPath telemetryOnly = awaitPage(service, page -> page.getList("handlers").size() == 1);
            int before = telemetryOnly.getInt("version");

            // One partition (keyed by service), so the pending fix is consumed before the applied one completes;
            // the applied fix's events come out of order.
            sendFix(service, fix(pending, service, FixStatus.PENDING_APPROVAL, "selfheal", "Add a cache to GET /catalog", 0));
            sendFix(service, fix(applied, service, FixStatus.ROLLED_OUT, "selfheal", "Roll checkout back to 1.9.0", 6));
            sendFix(service, fix(applied, service, FixStatus.PENDING_APPROVAL, "selfheal", "Roll checkout back to 1.9.0", 0));
            sendFix(service, fix(applied, service, FixStatus.APPROVED, "alice", "Roll checkout back to 1.9.0", 5));

            JsonPath page = awaitPage(service, p -> "alice".equals(p.getString("fixes.find { it.fixId == '" + applied + "' }.approvedBy")));
            assertThat(page.getList("fixes.fixId")).containsExactly(applied);
            assertThat(page.getMap("fixes[0]")).containsAllEntriesOf(Map.of(
                    "fixId", applied,
                    "title", "Roll checkout back to 1.9.0",
                    "status", "ROLLED_OUT",
                    "playbook", "performance.rollback-version",
                    "handler", "POST /orders",
                    "approvedBy", "alice",
                    "at", T0.plusSeconds(360).toString(),
                    "diagnosis", "p95 of POST /orders rose from 40 ms to 180 ms with 2.0.0"));
            assertThat(page.getInt("version")).isGreaterThan(before);
            assertThat(page.getString("handlers[0].handler")).isEqualTo("POST /orders");

            given().get("/api/docs/" + service + ".md").then().statusCode(200)
                    .body(containsString("## Fixes applied"))
                    .body(containsString("### Roll checkout back to 1.9.0"))
                    .body(containsString("- **Approved by:** alice"))
                    .body(not(containsString("Add a cache to GET /catalog")));

            List<Integer> versions = given().get("/api/docs/" + service + "/versions").then().statusCode(200)
                    .extract().jsonPath().getList("version", Integer.class);
            assertThat(versions).first().isEqualTo(page.getInt("version"));
            for (int i = 0; i < versions.size(); i++) {
                assertThat(versions.get(i)).as("versions are numbered without gaps, newest first")
                        .isEqualTo(versions.size() - i);
            }
            given().get("/api/docs/" + service + "/versions/1").then().statusCode(200)
                    .body("version", equalTo(1)).body("fixes.size()", equalTo(0));
            given().queryParam("from", 1).queryParam("to", page.getInt("version"))
                    .get("/api/docs/" + service + "/diff").then().statusCode(200)
                    .body("from", equalTo(1)).body("to", equalTo(page.getInt("version")))
                    .body("added", org.hamcrest.Matchers.greaterThan(0))
                    .body("unified", containsString("+### Roll checkout back to 1.9.0"))
                    .body("unified", containsString("--- " + service + ".md@1"));
            given().queryParam("from", 1).queryParam("to", 1).get("/api/docs/" + service + "/diff").then()
                    .statusCode(200).body("added", equalTo(0)).body("removed", equalTo(0)).body("unified", equalTo(""));
            given().queryParam("from", 1).queryParam("to", 999).get("/api/docs/" + service + "/diff").then()
                    .statusCode(404).contentType("application/problem+json");
            given().queryParam("from", 0).get("/api/docs/" + service + "/diff").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", org.hamcrest.Matchers.hasItem("from"));
            given().queryParam("from", 1).get("/api/docs/" + service + "/diff").then().statusCode(400)
                    .body("errors.field", org.hamcrest.Matchers.hasItem("to"));

            byte[] zip = given().get("/api/docs/export.zip").then().statusCode(200).contentType("application/zip")
                    .header("Content-Disposition", containsString("selfheal-docs.zip")).extract().asByteArray();
            Map<String, String> files = unzip(zip);
            assertThat(files.get("index.md")).contains("[" + service + "](" + service + ".md)");
            assertThat(files.get(service + ".md")).contains("### Roll checkout back to 1.9.0");
            given().get("/api/docs").then().statusCode(200)
                    .body("find { it.service == '" + service + "' }.version", equalTo(page.getInt("version")))
                    .body("find { it.service == '" + service + "' }.fixes", equalTo(1));

            List<ConsumerRecord<String, String>> records = poll(announcements, service, found -> found.stream()
                    .anyMatch(r -> r.value().contains(applied) && r.value().contains("\"trigger\":\"fix\"")));
            ConsumerRecord<String, String> announced = records.stream().filter(r -> r.value().contains(applied))
                    .reduce((a, b) -> b).orElseThrow();
            JsonNode event = JSON.readTree(announced.value());
            assertThat(header(announced, "ce_type")).isEqualTo(EventTypes.DOCS_REGENERATED);
            assertThat(header(announced, "ce_source")).isEqualTo("/selfheal/docs-service");
            assertThat(header(announced, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(announced, "ce_id")).isEqualTo(service + ":docs:" + event.get("docVersion").asInt());
            assertThat(event.get("service").asText()).isEqualTo(service);
            assertThat(event.get("handlerCount").asInt()).isEqualTo(1);
            assertThat(event.get("fixIds").get(0).asText()).isEqualTo(applied);
            List<Integer> announcedVersions = new ArrayList<>();
            for (ConsumerRecord<String, String> r : records) {
                announcedVersions.add(JSON.readTree(r.value()).get("docVersion").asInt());
            }
            assertThat(announcedVersions).as("each version is announced once").doesNotHaveDuplicates();
        }

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("selfheal_docs_regenerations_total{trigger=\"fix\"}"))
                .body(containsString("selfheal_docs_regenerations_total{trigger=\"telemetry\"}"))
                .body(containsString("selfheal_docs_services"));
    }

    @Test
    void unusableFixEventsGoToTheDeadLetterTopicWithTheReason() throws Exception {
        String key = unique("broken");
        try (KafkaConsumer<String, String> dlq = kafka.subscribe("selfheal.fixes.v1.docs.dlq")) {
            FixEvent noId = new FixEvent(null, null, null, key, null, FixStatus.APPROVED, null, null, null, "alice",
                    null, T0);
            send(EventTypes.FIXES_TOPIC, key, key + ":1", EventTypes.fix(FixStatus.APPROVED), JSON.writeValueAsString(noId));
            send(EventTypes.FIXES_TOPIC, key, key + ":2", EventTypes.fix(FixStatus.APPROVED), "{\"fixId\": ");

            List<ConsumerRecord<String, String>> dead = poll(dlq, key, found -> found.size() == 2);
            assertThat(header(dead.get(0), "dead-letter-reason")).contains("fixId is required");
            assertThat(header(dead.get(1), "dead-letter-reason")).as("the parser's own words").contains("Unexpected end-of-input");
        }
        given().get("/api/docs/" + key).then().statusCode(404);
    }

    @Test
    void unknownServiceAndBadVersionAreProblems() {
        String nobody = unique("nobody");
        given().get("/api/docs/" + nobody).then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", containsString(nobody));
        given().get("/api/docs/" + nobody + ".md").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/docs/" + nobody + "/versions").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/docs/" + nobody + "/versions/zero").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("version"));
        given().get("/api/docs/" + nobody + "/versions/1").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void dashboardAndOperationalEndpointsAreServed() {
        given().get("/").then().statusCode(200)
                .body(containsString("Selfheal · docs"))
                .body(containsString("/_selfheal/app.js"))
                .body(not(containsString("http://"))).body(not(containsString("https://")));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/docs/{service}.md"))
                .body(containsString("/api/docs/{service}/versions"));
        given().get("/api/docs").then().statusCode(200).contentType("application/json");
        given().get("/q/openapi?format=json").then().statusCode(200).body("tags.name", hasItem("Docs"));
    }

    private JsonPath awaitPage(String service, Predicate<JsonPath> condition) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
            var response = given().get("/api/docs/" + service);
            return response.statusCode() == 200 ? response.jsonPath() : null;
        }, page -> page != null && condition.test(page));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static SpanRecorded span(String service, String version, String handler, Instant start, double ms,
            SpanStatus status) {
        String trace = UUID.randomUUID().toString().replace("-", "");
        return new SpanRecorded(service, version, trace, trace.substring(0, 16), null, handler, start, ms, status,
                Map.of("http.route", "/items"));
    }

    private static FixEvent fix(String fixId, String service, FixStatus status, String actor, String title, int minute) {
        return new FixEvent(fixId, "anomaly-" + fixId, Capability.PERFORMANCE, service, "POST /orders", status,
                "performance.rollback-version", title, "p95 of POST /orders rose from 40 ms to 180 ms with 2.0.0",
                actor, null, T0.plusSeconds(60L * minute));
    }

    private void sendSpan(String key, SpanRecorded span) throws Exception {
        publishSpan(key, span).get();
    }

    private Future<RecordMetadata> publishSpan(String key, SpanRecorded span) throws Exception {
        return publish(EventTypes.TELEMETRY_TOPIC, key, span.eventId(), EventTypes.SPAN_RECORDED, JSON.writeValueAsString(span));
    }

    private void sendFix(String key, FixEvent fix) throws Exception {
        send(EventTypes.FIXES_TOPIC, key, fix.eventId(), EventTypes.fix(fix.status()), JSON.writeValueAsString(fix));
    }

    private void send(String topic, String key, String id, String type, String payload) throws Exception {
        publish(topic, key, id, type, payload).get();
    }

    private Future<RecordMetadata> publish(String topic, String key, String id, String type, String payload) {
        ProducerRecord<String, String> record = KafkaTestClient.cloudEvent(topic, key, id, type, "/selfheal/test", payload);
        record.headers().add(new RecordHeader("content-type", "application/json".getBytes(StandardCharsets.UTF_8)));
        return kafka.sendAsync(record);
    }

    /** Polls the topic until the records keyed {@code key} satisfy {@code done}. */
    private static List<ConsumerRecord<String, String>> poll(KafkaConsumer<String, String> consumer, String key,
            Predicate<List<ConsumerRecord<String, String>>> done) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        await().atMost(WAIT).pollDelay(Duration.ZERO).until(() -> {
            consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                if (key.equals(r.key())) {
                    found.add(r);
                }
            });
            return done.test(found);
        });
        return found;
    }

    private static Map<String, String> unzip(byte[] zip) throws java.io.IOException {
        Map<String, String> files = new java.util.HashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (java.util.zip.ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
