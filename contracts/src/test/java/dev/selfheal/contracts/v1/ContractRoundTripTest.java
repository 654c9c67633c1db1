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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
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
                Arguments.of("fix-event", new FixEvent("f1", "0b7c", Capability.PERFORMANCE, "checkout",
                        "POST /orders", FixStatus.APPROVED, "performance.rollback-version",
                        "Roll checkout back to 1.4.2", "latency rose with version 1.4.3", "alice", "go", AT)),
                Arguments.of("fix-event", new FixEvent("f1", "0b7c", Capability.PERFORMANCE, "checkout",
                        "POST /orders", FixStatus.PENDING_APPROVAL, "performance.scale-out", "Scale out",
                        "latency rose under load", "selfheal", null, AT)),
                Arguments.of("docs-regenerated", new DocsRegenerated("checkout", 7, AT, "fix", List.of("f1"), 12)));
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

    static Stream<Arguments> requiredFields() {
        return samples().flatMap(arguments -> {
            String schemaName = (String) arguments.get()[0];
            Object sample = arguments.get()[1];
            return Stream.of("service", "handler").filter(f -> MAPPER.valueToTree(sample).has(f))
                    .map(field -> Arguments.of(schemaName, field, sample));
        }).distinct();
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
