package dev.selfheal.docs.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.FixEvent;
import dev.selfheal.contracts.v1.FixStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixMergeTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    static FixEvent event(FixStatus status, String actor, int minute) {
        return new FixEvent("fix-1", "anomaly-1", Capability.PERFORMANCE, "checkout", "POST /orders", status,
                "performance.rollback-version", "Roll checkout back to 1.0.0",
                "p95 of POST /orders rose from 40 ms to 180 ms with version 1.1.0", actor, null,
                T0.plusSeconds(60L * minute));
    }

    static FixState fold(List<FixEvent> events) {
        FixState state = null;
        for (FixEvent e : events) {
            state = FixMerge.apply(state, e);
        }
        return state;
    }

    @Test
    void theHealersNoteComesWithTheRolloutAndOutlivesLaterTransitions() {
        FixEvent rollout = event(FixStatus.ROLLED_OUT, "selfheal", 6);
        FixEvent withNote = new FixEvent(rollout.fixId(), rollout.anomalyId(), rollout.capability(), rollout.service(),
                rollout.handler(), rollout.status(), rollout.playbook(), rollout.title(), rollout.diagnosis(),
                rollout.actor(), null, rollout.occurredAt(), "incident-1", "latency", "MEDIUM",
                "## Rolled back to 1.0.0\n1.1.0 made POST /orders 4x slower.");

        FixState state = fold(List.of(event(FixStatus.APPROVED, "alice", 5), withNote,
                event(FixStatus.VERIFIED, "selfheal", 17)));

        assertThat(state.status()).isEqualTo(FixStatus.VERIFIED);
        assertThat(state.note()).isEqualTo("## Rolled back to 1.0.0\n1.1.0 made POST /orders 4x slower.");
        assertThat(fold(List.of(event(FixStatus.ROLLED_OUT, "selfheal", 6))).note()).isNull();
    }

    @Test
    void inOrderEventsEndInTheLastStateWithTheApproverAndRolloutTime() {
        FixState state = fold(List.of(
                event(FixStatus.PENDING_APPROVAL, "selfheal", 0),
                event(FixStatus.APPROVED, "alice", 5),
                event(FixStatus.ROLLED_OUT, "selfheal", 6)));

        assertThat(state.status()).isEqualTo(FixStatus.ROLLED_OUT);
        assertThat(state.statusAt()).isEqualTo(T0.plusSeconds(360));
        assertThat(state.approvedBy()).isEqualTo("alice");
        assertThat(state.approvedAt()).isEqualTo(T0.plusSeconds(300));
        assertThat(state.rolledOutAt()).isEqualTo(T0.plusSeconds(360));
        assertThat(state.capability()).isEqualTo("PERFORMANCE");
        assertThat(state.applied()).isTrue();
    }

    @Test
    void outOfOrderEventsNeverMoveTheStateBackButStillNameTheApprover() {
        FixState state = fold(List.of(
                event(FixStatus.ROLLED_OUT, "selfheal", 6),
                event(FixStatus.PENDING_APPROVAL, "selfheal", 0),
                event(FixStatus.APPROVED, "alice", 5)));

        assertThat(state.status()).isEqualTo(FixStatus.ROLLED_OUT);
        assertThat(state.statusAt()).isEqualTo(T0.plusSeconds(360));
        assertThat(state.approvedBy()).isEqualTo("alice");
        assertThat(state.appliedAt()).isEqualTo(T0.plusSeconds(360));
    }

    @Test
    void verificationKeepsTheFixAppliedAndFailureOrRollbackEndsIt() {
        FixState verified = fold(List.of(event(FixStatus.ROLLED_OUT, "selfheal", 6), event(FixStatus.VERIFIED, "selfheal", 20)));
        assertThat(verified.status()).isEqualTo(FixStatus.VERIFIED);
        assertThat(verified.applied()).isTrue();
        assertThat(verified.appliedAt()).as("applied when rolled out, not when verified").isEqualTo(T0.plusSeconds(360));

        FixState rolledBack = fold(List.of(event(FixStatus.ROLLED_BACK, "selfheal", 21),
                event(FixStatus.ROLLED_OUT, "selfheal", 6), event(FixStatus.FAILED, "selfheal", 20)));
        assertThat(rolledBack.status()).isEqualTo(FixStatus.ROLLED_BACK);
        assertThat(rolledBack.applied()).isFalse();
    }

    @Test
    void aPendingOrRejectedFixIsNotApplied() {
        assertThat(fold(List.of(event(FixStatus.PENDING_APPROVAL, "selfheal", 0))).applied()).isFalse();
        FixState rejected = fold(List.of(event(FixStatus.PENDING_APPROVAL, "selfheal", 0), event(FixStatus.REJECTED, "bob", 3)));
        assertThat(rejected.status()).isEqualTo(FixStatus.REJECTED);
        assertThat(rejected.approvedBy()).isNull();
        assertThat(rejected.applied()).isFalse();
    }

    @Test
    void anOlderEventFillsInMissingFieldsButDoesNotOverwriteNewerOnes() {
        FixEvent bare = new FixEvent("fix-1", null, null, "checkout", null, FixStatus.ROLLED_OUT, null,
                "Roll back (final wording)", null, "selfheal", null, T0.plusSeconds(360));
        FixState state = fold(List.of(bare, event(FixStatus.PENDING_APPROVAL, "selfheal", 0)));

        assertThat(state.title()).isEqualTo("Roll back (final wording)");
        assertThat(state.playbook()).isEqualTo("performance.rollback-version");
        assertThat(state.handler()).isEqualTo("POST /orders");
        assertThat(state.diagnosis()).contains("180 ms");
        assertThat(state.anomalyId()).isEqualTo("anomaly-1");
    }

    @Test
    void aRepeatedEventChangesNothing() {
        FixState once = fold(List.of(event(FixStatus.PENDING_APPROVAL, "selfheal", 0), event(FixStatus.APPROVED, "alice", 5)));
        assertThat(FixMerge.apply(once, event(FixStatus.PENDING_APPROVAL, "selfheal", 0))).isEqualTo(once);
        assertThat(FixMerge.apply(once, event(FixStatus.APPROVED, "alice", 5))).isEqualTo(once);
    }
}
