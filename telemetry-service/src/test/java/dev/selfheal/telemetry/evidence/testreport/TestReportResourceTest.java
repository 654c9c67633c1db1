package dev.selfheal.telemetry.evidence.testreport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selfheal.contracts.v1.EventTypes;
import dev.selfheal.contracts.v1.TestReportFormat;
import dev.selfheal.contracts.v1.TestReportRecorded;
import dev.selfheal.contracts.v1.TestReportRecorded.TestOutcome;
import dev.selfheal.telemetry.evidence.Resources;
import dev.selfheal.testing.KafkaResource;
import dev.selfheal.testing.KafkaTestClient;
import dev.selfheal.testing.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
class TestReportResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final String RECEIPT = "Selfheal-Receipt";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "mp.messaging.outgoing.telemetry-out.topic")
    String topic;

    @Test
    void realJacocoReportIsStoredSummarisedAndPublishedInParts() {
        String service = "log-mining-" + UUID.randomUUID();
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap); KafkaConsumer<String, String> consumer = kafka.subscribe(topic)) {
            Response response = post(service, "0.1.0", "application/xml", Resources.bytes("log-mining-jacoco.xml"))
                    .then().statusCode(202)
                    .header(RECEIPT, matchesPattern("[0-9a-f-]{36}"))
                    .body("reportId", matchesPattern("[0-9a-f]{16}")).body("format", equalTo("JACOCO"))
                    .body("service", equalTo(service)).body("version", equalTo("0.1.0"))
                    .body("items", equalTo(14)).body("duplicate", equalTo(false))
                    .extract().response();
            String reportId = response.jsonPath().getString("reportId");
            int parts = response.jsonPath().getInt("parts");
            assertThat(parts).as("the test profile bounds events to 4 KB").isGreaterThan(1);
            assertThat(response.jsonPath().getString("receiptId")).isEqualTo(response.header(RECEIPT));

            List<ConsumerRecord<String, String>> records = KafkaTestClient.poll(consumer,
                    r -> isReport(r) && service.equals(r.key()), parts, Duration.ofSeconds(30));
            assertThat(records).hasSize(parts).allSatisfy(r -> assertThat(r.value().length()).isLessThanOrEqualTo(4096));
            List<TestReportRecorded> events = records.stream().map(TestReportResourceTest::report)
                    .sorted(Comparator.comparingInt(TestReportRecorded::part)).toList();
            assertThat(records).extracting(r -> KafkaTestClient.header(r, "ce_id")).containsExactlyInAnyOrderElementsOf(
                    events.stream().map(e -> "test-report:" + reportId + ":" + e.part()).toList());
            assertThat(events).allSatisfy(e -> {
                assertThat(e.reportId()).isEqualTo(reportId);
                assertThat(e.format()).isEqualTo(TestReportFormat.JACOCO);
                assertThat(e.parts()).isEqualTo(parts);
                assertThat(e.coverage().instructions().covered()).isEqualTo(3002);
                assertThat(e.testCases()).isNull();
            });
            assertThat(events.stream().flatMap(e -> e.classes().stream()).flatMap(c -> c.methods().stream()
                    .map(m -> c.name() + "#" + m.name()))).hasSize(77)
                    .contains("dev.selfheal.logmining.eval.GroupingAccuracy#of", "dev.selfheal.logmining.LogTemplateMiner#mine");

            given().queryParam("service", service).queryParam("version", "0.1.0")
                    .when().get("/api/test-reports")
                    .then().statusCode(200).body("size()", equalTo(1))
                    .body("[0].reportId", equalTo(reportId)).body("[0].format", equalTo("JACOCO"))
                    .body("[0].name", equalTo("Selfheal :: Log mining")).body("[0].parts", equalTo(parts))
                    .body("[0].classes", equalTo(14)).body("[0].methods", equalTo(77))
                    .body("[0].coverage.instructions.missed", equalTo(442))
                    .body("[0].coverage.instructions.covered", equalTo(3002))
                    .body("[0].coverage.branches.covered", equalTo(353))
                    .body("[0].coverage.methods.missed", equalTo(6));
            given().when().get("/api/receipts/" + response.header(RECEIPT))
                    .then().statusCode(200).body("endpoint", equalTo("/api/test-reports")).body("status", equalTo(202))
                    .body("services[0]", equalTo(service)).body("accepted", equalTo(14));
        }
    }

    @Test
    void resentSurefireReportKeepsItsIdAndEventsAndIsStoredOnce() {
        String service = "surefire-" + UUID.randomUUID();
        byte[] report = Resources.bytes("log-mining-surefire.xml");
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap); KafkaConsumer<String, String> consumer = kafka.subscribe(topic)) {
            String first = post(service, "0.1.0", "text/xml; charset=UTF-8", report)
                    .then().statusCode(202).body("format", equalTo("JUNIT")).body("items", equalTo(8))
                    .body("parts", equalTo(1)).body("duplicate", equalTo(false))
                    .extract().path("reportId");
            post(service, "0.1.0", "application/xml", report)
                    .then().statusCode(202).body("reportId", equalTo(first)).body("duplicate", equalTo(true));

            List<ConsumerRecord<String, String>> records = KafkaTestClient.poll(consumer,
                    r -> isReport(r) && service.equals(r.key()), 2, Duration.ofSeconds(30));
            assertThat(records).hasSize(2);
            assertThat(records).extracting(r -> KafkaTestClient.header(r, "ce_id")).containsOnly("test-report:" + first + ":1");
            assertThat(records.get(1).value()).as("the resend repeats the first event exactly").isEqualTo(records.get(0).value());
            TestReportRecorded event = report(records.get(0));
            assertThat(event.tests().tests()).isEqualTo(8);
            assertThat(event.tests().passed()).isEqualTo(8);
            assertThat(event.testCases()).hasSize(8).allSatisfy(c -> {
                assertThat(c.className()).isEqualTo("dev.selfheal.logmining.LogTemplateMinerTest");
                assertThat(c.outcome()).isEqualTo(TestOutcome.PASSED);
            });
            assertThat(event.classes()).isNull();

            given().queryParam("service", service).when().get("/api/test-reports")
                    .then().statusCode(200).body("size()", equalTo(1)).body("[0].tests.tests", equalTo(8))
                    .body("[0].tests.passed", equalTo(8)).body("[0].tests.failed", equalTo(0));
        }
    }

    @Test
    void latestReportOfEachFormatPerVersionIsListedNewestFirst() {
        String service = "shop-" + UUID.randomUUID();
        post(service, "1.0.0", "application/xml", Resources.bytes("log-mining-surefire.xml")).then().statusCode(202);
        post(service, "1.0.0", "application/xml", Resources.bytes("log-mining-jacoco.xml")).then().statusCode(202);
        String failing = """
                <testsuite name="com.shop.OrderTest"><testcase name="total" classname="com.shop.OrderTest" time="0.1">
                <failure message="expected 2" type="java.lang.AssertionError"/></testcase></testsuite>""";
        String latest = post(service, "1.0.0", "application/xml", failing.getBytes(StandardCharsets.UTF_8))
                .then().statusCode(202).extract().path("reportId");
        post(service, "1.1.0", "application/xml", Resources.bytes("log-mining-surefire.xml")).then().statusCode(202);

        List<Map<String, Object>> v100 = given().queryParam("service", service).queryParam("version", "1.0.0")
                .when().get("/api/test-reports").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(v100).extracting(r -> r.get("format")).containsExactly("JUNIT", "JACOCO");
        assertThat(v100.get(0).get("reportId")).as("the later JUnit report replaces the earlier one").isEqualTo(latest);
        given().queryParam("service", service).when().get("/api/test-reports")
                .then().statusCode(200).body("size()", equalTo(3)).body("[0].version", equalTo("1.1.0"));
    }

    @Test
    void eachBadRequestGetsAPreciseProblemAndAReceipt() {
        byte[] jacoco = Resources.bytes("log-mining-jacoco.xml");
        String missing = given().contentType("application/xml").body(jacoco)
                .when().post("/api/test-reports")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.contains("service", "version"))
                .extract().header(RECEIPT);
        given().when().get("/api/receipts/" + missing)
                .then().statusCode(200).body("endpoint", equalTo("/api/test-reports")).body("status", equalTo(400))
                .body("accepted", equalTo(0)).body("reasons[0]", containsString("service"));
        post("x", "  ", "application/xml", jacoco)
                .then().statusCode(400).body("errors[0].field", equalTo("version")).header(RECEIPT, notNullValue());
        post("x", "1", "application/json", "{}".getBytes(StandardCharsets.UTF_8))
                .then().statusCode(415).contentType("application/problem+json").header(RECEIPT, notNullValue())
                .body("detail", containsString("application/xml or text/xml"));
        post("x", "1", "application/xml", new byte[0])
                .then().statusCode(400).body("errors[0].field", equalTo("body")).body("detail", containsString("empty"));
        post("x", "1", "application/xml", "{\"not\": \"xml\"}".getBytes(StandardCharsets.UTF_8))
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("is not well-formed XML at line 1, column 1"));
        post("x", "1", "application/xml", "<report name='r'><package name='p'>".getBytes(StandardCharsets.UTF_8))
                .then().statusCode(400).body("detail", containsString("is not well-formed XML"));
        post("x", "1", "application/xml", "<coverage line-rate='0.5'/>".getBytes(StandardCharsets.UTF_8))
                .then().statusCode(400).header(RECEIPT, notNullValue())
                .body("detail", containsString("not a JaCoCo or JUnit XML report: its root element is <coverage>"));
        String xxe = "<?xml version='1.0'?><!DOCTYPE report [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                + "<report name='&x;'><package name='p'><class name='p/A'/></package></report>";
        post("x", "1", "application/xml", xxe.getBytes(StandardCharsets.UTF_8))
                .then().statusCode(400).body("detail", containsString("not well-formed XML"))
                .body("detail", org.hamcrest.Matchers.not(containsString("root:")));
        byte[] large = ("<testsuite name='s'>" + "<testcase name='t' classname='c'/>".repeat(33_000) + "</testsuite>")
                .getBytes(StandardCharsets.UTF_8);
        post("x", "1", "application/xml", large)
                .then().statusCode(413).contentType("application/problem+json").header(RECEIPT, notNullValue())
                .body("detail", containsString("at most 1048576"));

        given().when().get("/api/test-reports")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("service"));
        given().queryParam("service", "x").queryParam("limit", 0).when().get("/api/test-reports")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().queryParam("service", "never-" + UUID.randomUUID()).when().get("/api/test-reports")
                .then().statusCode(200).body("size()", equalTo(0));
    }

    private static Response post(String service, String version, String contentType, byte[] body) {
        return given().queryParam("service", service).queryParam("version", version).contentType(contentType).body(body)
                .when().post("/api/test-reports");
    }

    static boolean isReport(ConsumerRecord<String, String> record) {
        return EventTypes.TEST_REPORT_RECORDED.equals(KafkaTestClient.header(record, "ce_type"));
    }

    static TestReportRecorded report(ConsumerRecord<String, String> record) {
        try {
            return JSON.readValue(record.value(), TestReportRecorded.class);
        } catch (IOException e) {
            throw new AssertionError("not a TestReportRecorded: " + record.value(), e);
        }
    }
}
