package dev.selfheal.telemetry.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.selfheal.platform.problem.FieldError;
import dev.selfheal.platform.problem.ProblemException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceQueryTest {

    @Test
    void noParametersListTheLatestTwentyTraces() {
        TraceQuery query = TraceQuery.parse(null, null, null, null, null, null);
        assertThat(query).isEqualTo(new TraceQuery(null, null, null, null, null, 20));
        assertThat(query.unfiltered()).isTrue();
    }

    @Test
    void blankParametersCountAsAbsent() {
        assertThat(TraceQuery.parse("", " ", "", "", " ", "").unfiltered()).isTrue();
    }

    @Test
    void everyFilterIsRead() {
        TraceQuery query = TraceQuery.parse("checkout", "POST /orders", "error", "2026-11-29T10:00:00Z",
                "2026-11-29T11:00:00+01:00", "500");
        assertThat(query).isEqualTo(new TraceQuery("checkout", "POST /orders", "ERROR",
                Instant.parse("2026-11-29T10:00:00Z"), Instant.parse("2026-11-29T10:00:00Z"), 500));
        assertThat(query.unfiltered()).isFalse();
    }

    @Test
    void eachBadParameterIsNamed() {
        assertThat(fields("x", "h", "MAYBE", "yesterday", "2026-13-45T00:00:00Z", "0"))
                .containsExactly("status", "from", "to", "limit");
        assertThat(fields(null, null, null, null, null, "501")).containsExactly("limit");
        assertThat(fields(null, null, null, null, null, "ten")).containsExactly("limit");
    }

    @Test
    void fromAfterToIsRefused() {
        ProblemException e = problem("2026-11-29T11:00:00Z", "2026-11-29T10:00:00Z");
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("from");
        assertThat(e.getMessage()).contains("after");
        assertThat(TraceQuery.parse(null, null, null, "2026-11-29T10:00:00Z", "2026-11-29T10:00:00Z", null).from())
                .isEqualTo(Instant.parse("2026-11-29T10:00:00Z"));
    }

    private static ProblemException problem(String from, String to) {
        return catchThrowableOfType(ProblemException.class, () -> TraceQuery.parse(null, null, null, from, to, null));
    }

    private static List<String> fields(String service, String handler, String status, String from,
            String to, String limit) {
        ProblemException e = catchThrowableOfType(ProblemException.class,
                () -> TraceQuery.parse(service, handler, status, from, to, limit));
        assertThat(e).as("a problem").isNotNull();
        return e.errors().stream().map(FieldError::field).toList();
    }
}
