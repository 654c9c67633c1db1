package dev.selfheal.telemetry.logs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selfheal.contracts.v1.EventTypes;
import dev.selfheal.contracts.v1.LogRecorded;
import dev.selfheal.contracts.v1.LogSeverity;
import dev.selfheal.testing.KafkaResource;
import dev.selfheal.testing.KafkaTestClient;
import dev.selfheal.testing.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class LogsResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final String RECEIPT = "Selfheal-Receipt";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "mp.messaging.outgoing.telemetry-out.topic")
    String topic;

    @Test
    void loghubHdfsFileIsMinedIntoTemplatesAndPublished() throws Exception {
        Path file = datasets().resolve("loghub-2k/HDFS/HDFS_2k.log");
        assumeTrue(Files.isRegularFile(file), "Loghub datasets not present at " + file);
        byte[] body = Files.readAllBytes(file);
        String service = "hdfs-" + UUID.randomUUID();

        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap); KafkaConsumer<String, String> consumer = kafka.subscribe(topic)) {
            Response response = given().contentType("text/plain").body(body)
                    .queryParam("service", service).queryParam("version", "2.6.0")
                    .when().post("/api/logs")
                    .then().statusCode(202)
                    .header(RECEIPT, matchesPattern("[0-9a-f-]{36}"))
                    .body("service", equalTo(service)).body("lines", equalTo(2000)).body("accepted", equalTo(2000))
                    .extract().response();
            assertThat(response.jsonPath().getString("receiptId")).isEqualTo(response.header(RECEIPT));
            int distinct = response.jsonPath().getInt("templates");

            List<Map<String, Object>> templates = given().queryParam("service", service).queryParam("limit", 1000)
                    .when().get("/api/log-templates")
                    .then().statusCode(200).extract().jsonPath().getList("$");
            assertThat(templates).hasSize(distinct);
            assertThat(distinct).as("HDFS has 14 events; mined templates stay in that order of magnitude").isBetween(5, 100);
            assertThat(templates.stream().mapToLong(t -> ((Number) t.get("count")).longValue()).sum()).isEqualTo(2000);
            assertThat(templates).isSortedAccordingTo(Comparator.comparingLong(
                    (Map<String, Object> t) -> ((Number) t.get("count")).longValue()).reversed());
            assertThat(templates).anySatisfy(t -> assertThat((String) t.get("template")).contains("Receiving block").contains("<*>"));

            List<LogRecorded> events = KafkaTestClient.poll(consumer, r -> isLog(r) && service.equals(r.key()), 2000,
                    Duration.ofSeconds(60)).stream().map(LogsResourceTest::log).toList();
            assertThat(events).hasSize(2000).allSatisfy(e -> {
                assertThat(e.service()).isEqualTo(service);
                assertThat(e.version()).isEqualTo("2.6.0");
                assertThat(e.templateId()).matches("[0-9a-f]{16}");
                assertThat(e.template()).isNotBlank();
                assertThat(e.parameters()).isNotNull();
            });
            assertThat(events).extracting(LogRecorded::severity).contains(LogSeverity.INFO, LogSeverity.WARN)
                    .doesNotContain(LogSeverity.ERROR);
            assertThat(events.stream().map(LogRecorded::templateId).distinct()).allMatch(id ->
                    templates.stream().anyMatch(t -> id.equals(t.get("templateId"))));
            assertThat(events).anySatisfy(e -> {
                assertThat(e.body()).contains("Receiving block");
                assertThat(e.template()).contains("Receiving block blk_<*>");
                assertThat(e.parameters()).anyMatch(p -> p.matches("-?[0-9]+") && e.body().contains("blk_" + p));
            });
        }
    }

    @Test
    void resendingAnUploadOfLinesWithoutTimestampsKeepsTheirEventIds() throws Exception {
        String service = "gateway-" + UUID.randomUUID();
        String body = "WARN connection reset by peer\nWARN connection reset by peer\n";
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap); KafkaConsumer<String, String> consumer = kafka.subscribe(topic)) {
            for (int attempt = 0; attempt < 2; attempt++) {
                given().contentType("text/plain; charset=UTF-8").body(body).queryParam("service", service)
                        .when().post("/api/logs")
                        .then().statusCode(202).body("accepted", equalTo(2));
            }
            List<String> ids = KafkaTestClient.poll(consumer, r -> isLog(r) && service.equals(r.key()), 4,
                    Duration.ofSeconds(30)).stream().map(r -> KafkaTestClient.header(r, "ce_id")).toList();
            assertThat(ids).hasSize(4);
            assertThat(ids.stream().distinct()).as("two lines, each with one id on both sends").hasSize(2);
        }
    }

    @Test
    void javaStackTraceIsJoinedIntoItsRecord() throws Exception {
        String service = "orders-" + UUID.randomUUID();
        String body = """
                2026-11-29T10:15:30.123Z ERROR [main] c.e.Orders - order 4711 failed
                java.lang.IllegalStateException: order 4711 has no items
                \tat com.example.Orders.place(Orders.java:42)
                \tat com.example.Api.post(Api.java:10)
                Caused by: java.io.IOException: disk full
                \t... 2 more
                2026-11-29T10:15:31Z INFO [main] c.e.Orders - order 4712 placed
                """;
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap); KafkaConsumer<String, String> consumer = kafka.subscribe(topic)) {
            given().contentType("text/plain; charset=UTF-8").body(body).queryParam("service", service)
                    .when().post("/api/logs")
                    .then().statusCode(202).body("lines", equalTo(7)).body("accepted", equalTo(2));

            List<LogRecorded> events = KafkaTestClient.poll(consumer, r -> isLog(r) && service.equals(r.key()), 2,
                    Duration.ofSeconds(30)).stream().map(LogsResourceTest::log)
                    .sorted(Comparator.comparing(LogRecorded::time)).toList();
            assertThat(events).hasSize(2);
            LogRecorded failure = events.get(0);
            assertThat(failure.severity()).isEqualTo(LogSeverity.ERROR);
            assertThat(failure.time()).isEqualTo(Instant.parse("2026-11-29T10:15:30.123Z"));
            assertThat(failure.version()).isEqualTo("unknown");
            assertThat(failure.body()).startsWith("2026-11-29T10:15:30.123Z ERROR").contains("\tat com.example.Orders.place")
                    .endsWith("\t... 2 more");
            assertThat(failure.attributes()).containsEntry("log.line.number", "1");
            assertThat(events.get(1).severity()).isEqualTo(LogSeverity.INFO);
            assertThat(events.get(1).attributes()).containsEntry("log.line.number", "7");
        }
    }

    @Test
    void otlpLogRecordsAreMinedWithTheSameMiner() throws Exception {
        String service = "otlp-" + UUID.randomUUID();
        String export = """
                {"resourceLogs": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "%s"}}]},
                  "scopeLogs": [{"logRecords": [
                    {"timeUnixNano": "1764410400041000000", "severityNumber": 17, "body": {"stringValue": "order 4711 rejected by fraud check"}},
                    {"timeUnixNano": "1764410400042000000", "severityNumber": 17, "body": {"stringValue": "order 4712 rejected by fraud check"}}]}]}]}
                """.formatted(service);
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap); KafkaConsumer<String, String> consumer = kafka.subscribe(topic)) {
            String receipt = given().contentType("application/json").body(export)
                    .when().post("/v1/logs")
                    .then().statusCode(200).header(RECEIPT, notNullValue())
                    .extract().header(RECEIPT);

            given().queryParam("service", service).when().get("/api/log-templates")
                    .then().statusCode(200)
                    .body("[0].template", equalTo("order <*> rejected by fraud check")).body("[0].count", equalTo(2));
            given().when().get("/api/receipts/" + receipt)
                    .then().statusCode(200).body("endpoint", equalTo("/v1/logs")).body("services", hasItem(service))
                    .body("status", equalTo(200)).body("accepted", equalTo(2)).body("rejected", equalTo(0));

            List<LogRecorded> events = KafkaTestClient.poll(consumer, r -> isLog(r) && service.equals(r.key()), 2,
                    Duration.ofSeconds(30)).stream().map(LogsResourceTest::log).toList();
            assertThat(events).hasSize(2).allSatisfy(e -> assertThat(e.template()).isEqualTo("order <*> rejected by fraud check"));
            assertThat(events).flatExtracting(LogRecorded::parameters).containsExactlyInAnyOrder("4711", "4712");
        }
    }

    @Test
    void eachBadRequestGetsAPreciseProblemAndAReceipt() {
        String missing = given().contentType("text/plain").body("INFO started\n")
                .when().post("/api/logs")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("service")).body("detail", containsString("service"))
                .extract().header(RECEIPT);
        given().when().get("/api/receipts/" + missing)
                .then().statusCode(200).body("endpoint", equalTo("/api/logs")).body("status", equalTo(400))
                .body("accepted", equalTo(0)).body("reasons[0]", containsString("service"));

        given().contentType("application/json").body("{}").queryParam("service", "x")
                .when().post("/api/logs")
                .then().statusCode(415).contentType("application/problem+json")
                .header(RECEIPT, notNullValue()).body("detail", containsString("send log lines as text/plain"));
        given().contentType("text/plain; charset=no-such-charset").body("INFO started".getBytes(StandardCharsets.US_ASCII)).queryParam("service", "x")
                .when().post("/api/logs")
                .then().statusCode(415).contentType("application/problem+json").body("detail", containsString("charset"));
        given().contentType("text/plain").body("").queryParam("service", "x")
                .when().post("/api/logs")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("body"))
                .body("detail", containsString("empty"));
        given().contentType("text/plain").body("\n  \n\n").queryParam("service", "x")
                .when().post("/api/logs")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("no log lines"));
        given().contentType("text/plain; charset=UTF-8").body(new byte[] {'o', 'k', ' ', (byte) 0xC3, (byte) 0x28}).queryParam("service", "x")
                .when().post("/api/logs")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("UTF-8"));
        given().contentType("text/plain").body("line\n".repeat(5001)).queryParam("service", "x")
                .when().post("/api/logs")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("holds 5001 lines; at most 5000"));
        given().contentType("text/plain").body("x".repeat(600 * 1024).getBytes(StandardCharsets.UTF_8)).queryParam("service", "x")
                .when().post("/api/logs")
                .then().statusCode(413).contentType("application/problem+json").header(RECEIPT, notNullValue())
                .body("detail", containsString("at most 524288"));
        given().queryParam("service", "x".repeat(300)).contentType("text/plain").body("INFO started")
                .when().post("/api/logs")
                .then().statusCode(400).body("errors[0].field", equalTo("service"));
    }

    @Test
    void templatesNeedAServiceAndAnUnknownOneHasNone() {
        given().when().get("/api/log-templates")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("service"));
        given().queryParam("service", "x").queryParam("limit", 0).when().get("/api/log-templates")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().queryParam("service", "never-" + UUID.randomUUID()).when().get("/api/log-templates")
                .then().statusCode(200).body("size()", equalTo(0));
    }

    static boolean isLog(ConsumerRecord<String, String> record) {
        return EventTypes.LOG_RECORDED.equals(KafkaTestClient.header(record, "ce_type"));
    }

    static LogRecorded log(ConsumerRecord<String, String> record) {
        try {
            return JSON.readValue(record.value(), LogRecorded.class);
        } catch (IOException e) {
            throw new AssertionError("not a LogRecorded: " + record.value(), e);
        }
    }

    /** {@code ../shared/datasets} next to the repository's root. */
    static Path datasets() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("telemetry-service"))) {
            dir = dir.getParent();
        }
        return (dir == null ? Path.of("..") : dir.getParent()).resolve("shared/datasets");
    }
}
