package dev.selfheal.healer.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.healer.rollout.RolloutRecord;
import dev.selfheal.healer.verification.Verdict.Outcome;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerdictTest {

    private static final Instant SETTLED = Instant.parse("2026-11-29T10:01:00Z");
    private static final Instant UNTIL = SETTLED.plus(Duration.ofMinutes(10));
    private static final Duration WINDOW = Duration.ofMinutes(10);

    @Test
    void aFindingAfterTheChangeSettledMeansTheFixDidNotHelpAtOnce() {
        Verdict verdict = Verdict.of(record(), incident(SETTLED.plusSeconds(5)), null, SETTLED.plusSeconds(10), WINDOW);

        assertThat(verdict.outcome()).isEqualTo(Outcome.DID_NOT_HELP);
        assertThat(verdict.conclusion()).contains("persists", "incident-7");
    }

    @Test
    void aRecurrenceMeansTheFixDidNotHelpEvenWithoutTheDetector() {
        RolloutRecord record = record();
        record.recurredAt = SETTLED.plusSeconds(30);

        assertThat(Verdict.of(record, null, true, SETTLED.plusSeconds(40), WINDOW).outcome())
                .isEqualTo(Outcome.DID_NOT_HELP);
    }

    @Test
    void findingsFromBeforeTheChangeSettledDoNotCountAgainstIt() {
        assertThat(Verdict.of(record(), incident(SETTLED.minusSeconds(20)), true, SETTLED.plusSeconds(10), WINDOW))
                .as("too early to say").isNull();
        Verdict verdict = Verdict.of(record(), incident(SETTLED.minusSeconds(20)), true, UNTIL.plusSeconds(1), WINDOW);
        assertThat(verdict.outcome()).isEqualTo(Outcome.HELPED);
        assertThat(verdict.conclusion()).contains("No finding of incident incident-7", "in use");
    }

    @Test
    void aQuietHandlerThatNobodyCalledProvesNothing() {
        Verdict verdict = Verdict.of(record(), incident(SETTLED.minusSeconds(20)), false, UNTIL.plusSeconds(1), WINDOW);

        assertThat(verdict.outcome()).isEqualTo(Outcome.WAITING);
        assertThat(verdict.conclusion()).contains("Waiting for traffic");
    }

    @Test
    void withoutTheDetectorTheVerdictWaitsOneMoreWindowThenRestsOnTheAnomalies() {
        assertThat(Verdict.of(record(), null, true, UNTIL.plusSeconds(1), WINDOW)).isNull();
        Verdict verdict = Verdict.of(record(), null, true, UNTIL.plus(WINDOW).plusSeconds(1), WINDOW);
        assertThat(verdict.outcome()).isEqualTo(Outcome.HELPED);
        assertThat(verdict.conclusion()).contains("anomalies alone");
    }

    private static RolloutRecord record() {
        RolloutRecord record = new RolloutRecord();
        record.fixId = "fix-1";
        record.verifyAfter = SETTLED;
        record.verifyUntil = UNTIL;
        return record;
    }

    private static DetectorApi.Incident incident(Instant lastSeen) {
        return new DetectorApi.Incident("incident-7", "OPEN", "HIGH", 3.2, 4, lastSeen, null, null);
    }
}
