package dev.selfheal.docs.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.contracts.v1.FixEvent;
import dev.selfheal.contracts.v1.FixStatus;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.SpanStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventChecksTest {

    @Test
    void aCompleteSpanPassesAndABrokenOneIsExplained() {
        SpanRecorded ok = new SpanRecorded("checkout", "1.0.0", "t", "s", null, "POST /orders", Instant.EPOCH, 12.0,
                SpanStatus.OK, null);
        assertThat(EventChecks.problems(ok)).isEmpty();

        SpanRecorded broken = new SpanRecorded(" ", null, "t", "s", null, "h".repeat(513), null, Double.NaN, null, null);
        assertThat(EventChecks.problems(broken)).containsExactly(
                "service is required and must not be blank",
                "version is required and must not be blank",
                "handler must be at most 512 characters",
                "start is required",
                "status is required",
                "durationMs must be a finite number of milliseconds, at least 0");
    }

    @Test
    void aFixEventNeedsItsIdentityStateAndTime() {
        FixEvent ok = new FixEvent("fix-1", null, null, "checkout", null, FixStatus.APPROVED, null, null, null, "alice",
                null, Instant.EPOCH);
        assertThat(EventChecks.problems(ok)).isEmpty();

        FixEvent broken = new FixEvent(null, null, null, "", null, null, "p".repeat(256), null, null, null, null, null);
        assertThat(EventChecks.problems(broken)).containsExactly(
                "fixId is required and must not be blank",
                "service is required and must not be blank",
                "playbook must be at most 255 characters",
                "status is required",
                "occurredAt is required");
    }
}
