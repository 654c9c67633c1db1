package dev.selfheal.contracts.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContractRoundTripTest {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final Instant AT = Instant.parse("2026-11-29T10:15:30.123Z");

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("span-recorded", new SpanRecorded("checkout", "1.4.2",
                        "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "a3ce929d0e0e4736",
                        "POST /orders", AT, 182.5, SpanStatus.OK, Map.of("http.route", "/orders"))),
                Arguments.of("span-recorded", new SpanRecorded("checkout", "1.4.2",
                        "4bf92f3577b34da6a3ce929d0e0e4736", "a3ce929d0e0e4736", null,
                        "GET /cart", AT, 3.0, SpanStatus.ERROR, Map.of())),
                Arguments.of("anomaly-detected", new AnomalyDetected("0b7c", Capability.PERFORMANCE, "checkout",
                        "1.4.3", "POST /orders", AT, 3.4, Severity.HIGH, "p95 latency rose from 120 ms to 410 ms",
                        new Evidence(Map.of("baseline.p95Ms", 120.0, "observed.p95Ms", 410.0),
                                Map.of("observed.versions", "1.4.3"), List.of("4bf92f3577b34da6a3ce929d0e0e4736")))),
                Arguments.of("anomaly-detected", new AnomalyDetected("9f1e", Capability.ERROR, "checkout",
                        "1.4.3", "POST /orders", AT, 0.21, Severity.HIGH, "new error signature in POST /orders",
                        new Evidence(Map.of("count", 12.0), Map.of("exceptionType", "java.lang.IllegalStateException"),
                                List.of()), "inc-42", "3f2a9c0d11e4b7a8")),
                Arguments.of("fix-event", new FixEvent("f1", "0b7c", Capability.PERFORMANCE, "checkout",
                        "POST /orders", FixStatus.APPROVED, "performance.rollback-version",
                        "Roll checkout back to 1.4.2", "latency rose with version 1.4.3", "alice", "go", AT)),
                Arguments.of("fix-event", new FixEvent("f1", "0b7c", Capability.PERFORMANCE, "checkout",
                        "POST /orders", FixStatus.PENDING_APPROVAL, "performance.scale-out", "Scale out",
                        "latency rose under load", "selfheal", null, AT)),
                Arguments.of("fix-event", new FixEvent("f2", "9f1e", Capability.DEPENDENCY, "checkout",
                        "payments:443", FixStatus.VERIFIED, "dependency.circuit-breaker", "Guard the payments client",
                        "payments refuses connections", "selfheal", "incident quiet for 10 min", AT, "inc-42",
                        "failing", "HIGH", "## Circuit breaker on PaymentsClient\nAdded after incident inc-42.")),
                Arguments.of("docs-regenerated", new DocsRegenerated("checkout", 7, AT, "fix", List.of("f1"), 12)),
                Arguments.of("docs-regenerated", new DocsRegenerated("checkout", 8, AT, "telemetry", List.of(), 12,
                        List.of(new DocsRegenerated.DocumentedFlow("checkout:POST /orders",
                                List.of("checkout:POST /orders", "inventory:POST /reservations"))))),
                Arguments.of("span-recorded", new SpanRecorded("checkout", "1.4.2",
                        "4bf92f3577b34da6a3ce929d0e0e4736", "b7ad6b7169203331", "00f067aa0ba902b7",
                        "InventoryClient.reserve", AT, 12.0, SpanStatus.OK, Map.of("peer.service", "inventory"),
                        SpanKind.CLIENT, "production")),
                Arguments.of("error-observed", error()),
                Arguments.of("error-observed", new ErrorObserved("checkout", "1.4.2", null,
                        "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "POST /orders", AT, "span.status.error",
                        null, "", null, ErrorObserved.signatureOf("span.status.error", "", null))),
                Arguments.of("dependency-called", dependency(SpanStatus.ERROR, "503")),
                Arguments.of("dependency-called", dependency(SpanStatus.OK, null)),
                Arguments.of("state-mutated", state("PAID")),
                Arguments.of("state-mutated", new StateMutated("checkout", "1.4.2", null,
                        "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "POST /orders", AT, "order.status",
                        "NEW", null)),
                Arguments.of("log-recorded", log("payment declined for order 42")),
                Arguments.of("log-recorded", new LogRecorded("checkout", "1.4.2", null, AT, LogSeverity.INFO,
                        "started", null, null, Map.of(), "t-17", "started", List.of())),
                Arguments.of("test-report-recorded", coverageReport(1)),
                Arguments.of("test-report-recorded", testResults()),
                Arguments.of("spec-published", spec()));
    }

    static TestReportRecorded coverageReport(int part) {
        TestReportRecorded.Counter all = new TestReportRecorded.Counter(3, 42);
        TestReportRecorded.MethodCoverage get = new TestReportRecorded.MethodCoverage("get",
                "(J)Ljakarta/ws/rs/core/Response;", 42, new TestReportRecorded.Counter(0, 12),
                new TestReportRecorded.Counter(1, 1), new TestReportRecorded.Counter(0, 3));
        TestReportRecorded.MethodCoverage init = new TestReportRecorded.MethodCoverage("<init>", "()V", null,
                new TestReportRecorded.Counter(3, 0), null, null);
        return new TestReportRecorded(TestReportRecorded.reportIdOf("checkout", "1.4.2", TestReportFormat.JACOCO, "ab12"),
                "checkout", "1.4.2", TestReportFormat.JACOCO, "checkout", AT, part, 2,
                new TestReportRecorded.CoverageTotals(all, new TestReportRecorded.Counter(1, 1), all, all, null),
                List.of(new TestReportRecorded.ClassCoverage("com.shop.OrderResource", "OrderResource.java",
                        List.of(get, init))), null, null);
    }

    static TestReportRecorded testResults() {
        return new TestReportRecorded(TestReportRecorded.reportIdOf("checkout", "1.4.2", TestReportFormat.JUNIT, "cd34"),
                "checkout", "1.4.2", TestReportFormat.JUNIT, null, AT, 1, 1, null, null,
                new TestReportRecorded.TestTotals(2, 1, 1, 0, 0, 0.25),
                List.of(new TestReportRecorded.TestCase("com.shop.OrderResourceTest", "getsAnOrder", 0.125,
                                TestReportRecorded.TestOutcome.PASSED, null, null),
                        new TestReportRecorded.TestCase("com.shop.OrderResourceTest", "refusesAnUnknownOrder()", 0.125,
                                TestReportRecorded.TestOutcome.FAILED, "org.opentest4j.AssertionFailedError",
                                "expected: <404> but was: <500>")));
    }

    static SpecPublished spec() {
        return new SpecPublished(SpecPublished.specIdOf("checkout", "1.4.2", "ef56"), "checkout", "1.4.2", AT,
                "3.1.0", "Checkout API", "1.4", 1, 1, List.of(new SpecPublished.Operation("GET", "/api/orders/{id}",
                        "getOrder", "Read an order", List.of("Orders"), List.of("200", "404"),
                        List.of(new SpecPublished.Parameter("id", "path", true)), false, 250.0)));
    }

    static ErrorObserved error() {
        String template = "order <*> not found";
        String frame = "com.shop.OrderService.find(OrderService.java:42)";
        return new ErrorObserved("checkout", "1.4.2", "production", "4bf92f3577b34da6a3ce929d0e0e4736",
                "00f067aa0ba902b7", "POST /orders", AT, "java.lang.IllegalStateException", "order 1234 not found",
                template, frame, ErrorObserved.signatureOf("java.lang.IllegalStateException", template, frame));
    }

    static DependencyCalled dependency(SpanStatus outcome, String errorType) {
        return new DependencyCalled("checkout", "1.4.2", "production", "4bf92f3577b34da6a3ce929d0e0e4736",
                "b7ad6b7169203331", "GET", "inventory", DependencyKind.HTTP, null, AT, 12.5, outcome, errorType);
    }

    static StateMutated state(String value) {
        return new StateMutated("checkout", "1.4.2", "production", "4bf92f3577b34da6a3ce929d0e0e4736",
                "00f067aa0ba902b7", "POST /orders", AT, "order.status", value, "NEW");
    }

    static LogRecorded log(String body) {
        return new LogRecorded("checkout", "1.4.2", "production", AT, LogSeverity.WARN, body,
                "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", Map.of("logger", "com.shop.Payments"),
                null, null, null);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("samples")
    void serialisedSampleMatchesItsSchemaAndReadsBackEqual(String schemaName, Object sample) throws IOException {
        String json = MAPPER.writeValueAsString(sample);

        assertThat(validate(schemaName, MAPPER.readTree(json))).isEmpty();
        assertThat(MAPPER.readValue(json, sample.getClass())).isEqualTo(sample);
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("requiredFields")
    void schemaRejectsSampleMissingARequiredField(String schemaName, String field, Object sample) throws IOException {
        ObjectNode node = (ObjectNode) MAPPER.valueToTree(sample);
        node.remove(field);

        assertThat(validate(schemaName, node)).extracting(ValidationMessage::getMessage)
                .anySatisfy(message -> assertThat(message).contains(field));
    }

    /** Every field a schema requires, removed from the first sample of that schema. */
    static Stream<Arguments> requiredFields() {
        Map<String, Object> firstSample = new LinkedHashMap<>();
        samples().forEach(arguments -> firstSample.putIfAbsent((String) arguments.get()[0], arguments.get()[1]));
        return firstSample.entrySet().stream().flatMap(entry -> required(entry.getKey()).stream()
                .filter(field -> MAPPER.valueToTree(entry.getValue()).has(field))
                .map(field -> Arguments.of(entry.getKey(), field, entry.getValue())));
    }

    @Test
    void everyRequiredFieldOfEverySchemaIsCovered() {
        Set<String> covered = new HashSet<>();
        requiredFields().forEach(arguments -> covered.add(arguments.get()[0] + "." + arguments.get()[1]));
        List.of("span-recorded", "error-observed", "dependency-called", "state-mutated", "log-recorded",
                        "test-report-recorded", "spec-published")
                .forEach(schema -> required(schema).forEach(field -> assertThat(covered).contains(schema + "." + field)));
    }

    @Test
    void eventIdsFollowTheContentSoAResentBatchKeepsThem() {
        assertThat(error().eventId()).isEqualTo(error().eventId()).startsWith("4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:");
        assertThat(dependency(SpanStatus.OK, null).eventId()).isEqualTo(dependency(SpanStatus.OK, null).eventId());
        assertThat(state("PAID").eventId()).isEqualTo(state("PAID").eventId()).isNotEqualTo(state("SHIPPED").eventId());
        assertThat(log("a").eventId()).isEqualTo(log("a").eventId()).isNotEqualTo(log("b").eventId());
        LogRecorded mined = new LogRecorded("checkout", "1.4.2", "production", AT, LogSeverity.WARN, "a",
                "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", Map.of("logger", "com.shop.Payments"),
                "t-1", "a", List.of());
        assertThat(mined.eventId()).as("mining a record later keeps its id").isEqualTo(log("a").eventId());
        assertThat(Stream.of(error().eventId(), dependency(SpanStatus.OK, null).eventId(),
                state("PAID").eventId(), log("a").eventId()).distinct()).hasSize(4);
    }

    @Test
    void anUploadedLineIsIdentifiedByItsPositionNotByItsArrivalTime() {
        Map<String, String> position = Map.of(LogRecorded.UPLOAD_DIGEST, "9f2c1a", LogRecorded.LINE_NUMBER, "7");
        LogRecorded first = uploaded(AT, position, "connection reset");
        assertThat(uploaded(AT.plusSeconds(30), position, "connection reset").eventId())
                .as("the same upload sent again later").isEqualTo(first.eventId());
        assertThat(uploaded(AT, Map.of(LogRecorded.UPLOAD_DIGEST, "9f2c1a", LogRecorded.LINE_NUMBER, "8"),
                "connection reset").eventId()).as("the same text on another line").isNotEqualTo(first.eventId());
        assertThat(uploaded(AT, Map.of(LogRecorded.UPLOAD_DIGEST, "77aa01", LogRecorded.LINE_NUMBER, "7"),
                "connection reset").eventId()).as("the same line of another upload").isNotEqualTo(first.eventId());
    }

    private static LogRecorded uploaded(Instant time, Map<String, String> attributes, String body) {
        return new LogRecorded("checkout", "1.4.2", null, time, LogSeverity.ERROR, body, null, null, attributes,
                null, null, null);
    }

    @Test
    void evidenceIdsFollowTheContentSoAResentReportKeepsThem() {
        assertThat(coverageReport(1).reportId()).matches("[0-9a-f]{16}").isEqualTo(coverageReport(2).reportId())
                .isNotEqualTo(testResults().reportId());
        assertThat(coverageReport(1).eventId()).isEqualTo("test-report:" + coverageReport(1).reportId() + ":1")
                .isNotEqualTo(coverageReport(2).eventId());
        assertThat(TestReportRecorded.reportIdOf("checkout", "1.4.3", TestReportFormat.JACOCO, "ab12"))
                .as("the same bytes sent for another version are another report").isNotEqualTo(coverageReport(1).reportId());
        assertThat(spec().eventId()).isEqualTo("spec:" + spec().specId() + ":1");
        assertThat(SpecPublished.specIdOf("checkout", "1.4.2", "ef57")).isNotEqualTo(spec().specId());
    }

    @Test
    void evidenceSpellsHandlersAndCoverageTheWayTelemetryDoes() {
        assertThat(spec().operations().get(0).handler()).isEqualTo("GET /api/orders/{id}");
        assertThat(coverageReport(1).classes().get(0).methods()).extracting(TestReportRecorded.MethodCoverage::covered)
                .containsExactly(true, false);
        JsonNode json = MAPPER.valueToTree(coverageReport(1));
        assertThat(json.has("testCases")).as("a JaCoCo part carries no JUnit fields").isFalse();
        assertThat(json.at("/classes/0/methods/1").has("branches")).as("absent counters are omitted").isFalse();
        assertThat(json.at("/classes/0/methods/0").has("covered")).as("derived values are not sent").isFalse();
        assertThat(EventTypes.TEST_REPORT_RECORDED).isEqualTo("dev.selfheal.telemetry.test-report.recorded");
        assertThat(EventTypes.SPEC_PUBLISHED).isEqualTo("dev.selfheal.telemetry.spec.published");
    }

    @Test
    void errorSignatureIgnoresTheFrameLineButNotTheTypeTemplateOrMethod() {
        String type = "java.lang.IllegalStateException";
        String signature = ErrorObserved.signatureOf(type, "order <*> not found", "com.shop.A.find(A.java:42)");

        assertThat(ErrorObserved.signatureOf(type, "order <*> not found", "com.shop.A.find(A.java:57)")).isEqualTo(signature);
        assertThat(signature).matches("[0-9a-f]{16}")
                .isNotEqualTo(ErrorObserved.signatureOf("java.io.IOException", "order <*> not found", "com.shop.A.find(A.java:42)"))
                .isNotEqualTo(ErrorObserved.signatureOf(type, "order <*> missing", "com.shop.A.find(A.java:42)"))
                .isNotEqualTo(ErrorObserved.signatureOf(type, "order <*> not found", "com.shop.A.get(A.java:42)"));
    }

    @Test
    void aSpanBuiltTheOldWayHasNoKindOrEnvironmentAndOmitsThemInJson() {
        SpanRecorded old = new SpanRecorded("checkout", "1.4.2", "4bf92f3577b34da6a3ce929d0e0e4736",
                "00f067aa0ba902b7", null, "GET /cart", AT, 3.0, SpanStatus.OK, Map.of());

        assertThat(old.kind()).isNull();
        assertThat(old.environment()).isNull();
        JsonNode json = MAPPER.valueToTree(old);
        assertThat(json.has("kind")).isFalse();
        assertThat(json.has("environment")).isFalse();
    }

    @Test
    void newTelemetryTypesAreNamedAfterTheirEvents() {
        assertThat(List.of(EventTypes.ERROR_OBSERVED, EventTypes.DEPENDENCY_CALLED, EventTypes.STATE_MUTATED,
                EventTypes.LOG_RECORDED)).containsExactly("dev.selfheal.telemetry.error.observed",
                "dev.selfheal.telemetry.dependency.called", "dev.selfheal.telemetry.state.mutated",
                "dev.selfheal.telemetry.log.recorded");
    }

    private static List<String> required(String schemaName) {
        try (InputStream in = ContractRoundTripTest.class.getResourceAsStream("/schemas/v1/" + schemaName + ".schema.json")) {
            List<String> fields = new ArrayList<>();
            MAPPER.readTree(in).get("required").forEach(node -> fields.add(node.asText()));
            return fields;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void fixEventTypesFollowTheStateName(FixStatus status, String type) {
        assertThat(EventTypes.fix(status)).isEqualTo(type);
    }

    static Stream<Arguments> statuses() {
        return Stream.of(Arguments.of(FixStatus.PENDING_APPROVAL, "dev.selfheal.fix.pending-approval"),
                Arguments.of(FixStatus.ROLLED_OUT, "dev.selfheal.fix.rolled-out"));
    }

    private static Set<ValidationMessage> validate(String schemaName, JsonNode node) throws IOException {
        try (InputStream in = ContractRoundTripTest.class.getResourceAsStream("/schemas/v1/" + schemaName + ".schema.json")) {
            assertThat(in).as("schema %s on the classpath", schemaName).isNotNull();
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
            return schema.validate(node);
        }
    }
}
