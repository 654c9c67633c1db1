package dev.selfheal.telemetry.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selfheal.testing.KafkaResource;
import dev.selfheal.testing.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class EventsResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static String hex(int digits) {
        return UUID.randomUUID().toString().replace("-", "").substring(0, digits);
    }

    static Map<String, Object> execution(String traceId, String spanId, String parent, String handler, double ms) {
        Map<String, Object> e = new HashMap<>();
        e.put("service", "checkout");
        e.put("version", "1.0.0");
        e.put("traceId", traceId);
        e.put("spanId", spanId);
        if (parent != null) {
            e.put("parentSpanId", parent);
        }
        e.put("handler", handler);
        e.put("start", "2026-11-29T10:00:00.000Z");
        e.put("durationMs", ms);
        e.put("status", "OK");
        e.put("attributes", Map.of("http.route", "/orders"));
        return e;
    }

    @Test
    void storedTracePublishedAsCloudEventsAndReadableBack() throws Exception {
        String trace = hex(32);
        String root = hex(16);
        String child = hex(16);
        List<Map<String, Object>> batch = List.of(
                execution(trace, root, null, "POST /orders", 40.0),
                execution(trace, child, root, "InventoryClient.reserve", 25.0));

        try (KafkaConsumer<String, String> consumer = consumer()) {
            given().contentType(ContentType.JSON).body(batch)
                    .when().post("/api/events")
                    .then().statusCode(202)
                    .body("accepted", equalTo(2)).body("stored", equalTo(2)).body("duplicates", equalTo(0));

            List<ConsumerRecord<String, String>> records = poll(consumer, trace, 2);
            assertThat(records).allSatisfy(r -> {
                assertThat(r.key()).isEqualTo(trace);
                assertThat(header(r, "ce_type")).isEqualTo("dev.selfheal.telemetry.span.recorded");
                assertThat(header(r, "ce_source")).isEqualTo("/selfheal/telemetry-service");
                assertThat(header(r, "ce_id")).startsWith(trace + ":");
            });
            JsonNode first = JSON.readTree(records.get(0).value());
            assertThat(first.get("service").asText()).isEqualTo("checkout");
            assertThat(first.get("attributes").get("http.route").asText()).isEqualTo("/orders");
        }

        given().when().get("/api/traces/" + trace.toUpperCase())
                .then().statusCode(200)
                .body("traceId", equalTo(trace))
                .body("spans", hasSize(2))
                .body("spans.handler", hasItem("InventoryClient.reserve"));
    }

    @Test
    void resentBatchIsStoredOnceAndPublishedAgain() {
        String trace = hex(32);
        List<Map<String, Object>> batch = List.of(execution(trace, hex(16), null, "GET /cart", 5.0));
        given().contentType(ContentType.JSON).body(batch).post("/api/events").then().statusCode(202);

        given().contentType(ContentType.JSON).body(batch)
                .when().post("/api/events")
                .then().statusCode(202).body("stored", equalTo(0)).body("duplicates", equalTo(1));

        given().get("/api/traces/" + trace).then().statusCode(200).body("spans", hasSize(1));
    }

    @Test
    void invalidItemIsRefusedWithTheFieldAndIndexNamed() {
        Map<String, Object> bad = execution(hex(32), "not-a-span-id", null, "GET /cart", 5.0);
        bad.remove("handler");
        List<Map<String, Object>> batch = List.of(execution(hex(32), hex(16), null, "GET /", 1.0), bad);

        given().contentType(ContentType.JSON).body(batch)
                .when().post("/api/events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem("[1].handler"))
                .body("errors.field", hasItem("[1].spanId"))
                .body("detail", containsString("[1]"));
    }

    @Test
    void malformedJsonAndWrongTypesAreProblems() {
        given().contentType(ContentType.JSON).body("[{\"service\": ")
                .when().post("/api/events")
                .then().statusCode(400).contentType("application/problem+json");

        Map<String, Object> wrongType = execution(hex(32), hex(16), null, "GET /", 1.0);
        wrongType.put("start", "yesterday");
        given().contentType(ContentType.JSON).body(List.of(wrongType))
                .when().post("/api/events")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("[0].start"));

        given().contentType(ContentType.JSON).body("{\"service\":\"x\"}")
                .when().post("/api/events")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void unsupportedMediaTypeAndUnknownTraceAreProblems() {
        given().contentType(ContentType.TEXT).body("hello")
                .when().post("/api/events")
                .then().statusCode(415).contentType("application/problem+json");

        given().when().get("/api/traces/" + hex(32))
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get("/api/traces/nope")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("traceId"));
    }

    @Test
    void dashboardAndOperationalEndpointsAreServed() {
        given().get("/").then().statusCode(200).body(containsString("Selfheal · telemetry"));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/events"));
        given().contentType(ContentType.JSON).body(List.of(execution(hex(32), hex(16), null, "GET /m", 1.0)))
                .post("/api/events").then().statusCode(202);
        given().get("/q/metrics").then().statusCode(200).body(containsString("selfheal_telemetry_accepted_total"));
        given().get("/api/services").then().statusCode(200).body("service", hasItem("checkout"));
    }

    private KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of("selfheal.telemetry.v1"));
        return consumer;
    }

    private static List<ConsumerRecord<String, String>> poll(KafkaConsumer<String, String> consumer, String key, int n) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (found.size() < n && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                if (key.equals(r.key())) {
                    found.add(r);
                }
            });
        }
        assertThat(found).as("records keyed %s on selfheal.telemetry.v1", key).hasSize(n);
        return found;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
