package dev.selfheal.telemetry.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.platform.problem.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutionValidatorTest {

    private final ExecutionValidator validator = new ExecutionValidator(3);

    static HandlerExecution valid() {
        return new HandlerExecution("checkout", "1.0.0", "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                null, "POST /orders", Instant.parse("2026-11-29T10:00:00Z"), 12.5, "OK",
                Map.of("http.status_code", 200, "tags", List.of("a", "b")));
    }

    @Test
    void acceptsAWellFormedBatch() {
        assertThat(validator.validate(List.of(valid(), valid()))).isEmpty();
    }

    @Test
    void namesEachBadFieldWithItsIndex() {
        HandlerExecution bad = new HandlerExecution(" ", "1.0.0", "xyz", "00f067aa0ba902b7", "0000000000000000",
                "h", null, -1.0, "MAYBE", Map.of("nested", Map.of("a", 1)));

        List<FieldError> errors = validator.validate(List.of(valid(), bad));

        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder(
                "[1].service", "[1].traceId", "[1].parentSpanId", "[1].start", "[1].durationMs", "[1].status",
                "[1].attributes.nested");
        assertThat(errors).filteredOn(e -> e.field().equals("[1].status"))
                .singleElement().extracting(FieldError::message).asString().contains("MAYBE");
    }

    @Test
    void refusesEmptyOversizedAndMissingBatches() {
        assertThat(validator.validate(List.of())).extracting(FieldError::message)
                .containsExactly("must contain at least one handler execution");
        assertThat(validator.validate(Collections.nCopies(4, valid()))).extracting(FieldError::message)
                .containsExactly("holds 4 items; at most 3 per request");
        assertThat(validator.validate(null)).hasSize(1);
    }

    @Test
    void nullItemIsReportedNotThrown() {
        List<HandlerExecution> batch = new ArrayList<>();
        batch.add(null);
        assertThat(validator.validate(batch)).extracting(FieldError::field).containsExactly("[0]");
    }

    @Test
    void mapperNormalisesIdsStatusAndAttributes() {
        HandlerExecution upper = new HandlerExecution("checkout ", "1.0.0", "4BF92F3577B34DA6A3CE929D0E0E4736",
                "00F067AA0BA902B7", null, "POST /orders", Instant.EPOCH, 1.0, "error",
                Map.of("tags", List.of("a", "b"), "code", 500));

        var event = ExecutionMapper.toEvent(upper);

        assertThat(event.service()).isEqualTo("checkout");
        assertThat(event.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(event.status().name()).isEqualTo("ERROR");
        assertThat(event.attributes()).containsEntry("tags", "a,b").containsEntry("code", "500");
    }
}
