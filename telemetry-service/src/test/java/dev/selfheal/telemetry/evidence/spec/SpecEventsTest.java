package dev.selfheal.telemetry.evidence.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.selfheal.contracts.v1.SpecPublished;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Instant AT = Instant.parse("2026-11-29T10:15:30.123456Z");

    @Test
    void aDocumentWithManyOperationsTravelsInPartsThatEachFit() {
        StringBuilder yaml = new StringBuilder("openapi: 3.0.3\ninfo: {title: Big, version: '1'}\npaths:\n");
        for (int i = 0; i < 300; i++) {
            yaml.append("  /api/items").append(i).append("/{id}:\n    get:\n      operationId: getItem").append(i)
                    .append("\n      parameters: [{name: id, in: path, required: true}]\n")
                    .append("      responses: {'200': {description: ok}, '404': {description: missing}}\n");
        }
        ParsedSpec spec = OpenApiReader.read(yaml.toString().getBytes(StandardCharsets.UTF_8), SpecFormat.YAML);
        int max = 8192;

        List<SpecPublished> events = new SpecEvents(SpecEventsTest::size, max).of("0123456789abcdef", "big", "1", AT, spec);

        assertThat(events).hasSizeGreaterThan(1).allSatisfy(e -> {
            assertThat(size(e)).isLessThanOrEqualTo(max);
            assertThat(e.parts()).isEqualTo(events.size());
            assertThat(e.title()).isEqualTo("Big");
        });
        assertThat(events.stream().flatMap(e -> e.operations().stream()).map(SpecPublished.Operation::operationId))
                .hasSize(300).doesNotHaveDuplicates();
        assertThat(events).extracting(SpecPublished::eventId).doesNotHaveDuplicates();
    }

    private static int size(Object value) {
        try {
            return JSON.writeValueAsBytes(value).length;
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
