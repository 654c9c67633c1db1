package dev.selfheal.docs.fix;

import dev.selfheal.contracts.v1.FixEvent;
import dev.selfheal.contracts.v1.FixStatus;
import java.util.EnumMap;
import java.util.Map;

/**
 * Folds a fix's events into one {@link FixState}. Events of a fix may arrive in any order (they are
 * redelivered, replayed, or spread over partitions), so the state is never moved backwards: it is the most
 * advanced state seen, and each fact (who approved, when it rolled out) is taken from the event that carries it.
 */
public final class FixMerge {

    /**
     * How far along its life a state is. States of equal rank exclude each other (a fix is approved or
     * rejected or expires, it is verified or fails), so the first one seen is kept.
     */
    private static final Map<FixStatus, Integer> RANK = new EnumMap<>(Map.of(
            FixStatus.PENDING_APPROVAL, 0,
            FixStatus.APPROVED, 1,
            FixStatus.REJECTED, 1,
            FixStatus.EXPIRED, 1,
            FixStatus.ROLLED_OUT, 2,
            FixStatus.VERIFIED, 3,
            FixStatus.FAILED, 3,
            FixStatus.ROLLED_BACK, 4));

    private FixMerge() {
    }

    static int rank(FixStatus status) {
        return RANK.get(status);
    }

    /**
     * The state after {@code event}.
     *
     * @param current what was known before, or {@code null} for the fix's first event seen
     */
    public static FixState apply(FixState current, FixEvent event) {
        if (current == null) {
            return new FixState(event.fixId(), event.service(), event.handler(),
                    event.capability() == null ? null : event.capability().name(), event.anomalyId(),
                    event.status(), event.occurredAt(), event.title(), event.diagnosis(), event.playbook(),
                    event.status() == FixStatus.APPROVED ? event.actor() : null,
                    event.status() == FixStatus.APPROVED ? event.occurredAt() : null,
                    event.status() == FixStatus.ROLLED_OUT ? event.occurredAt() : null, blankToNull(event.docNote()));
        }
        boolean advances = rank(event.status()) > rank(current.status());
        // The latest description of the fix wins, but an older event still fills in what is missing.
        boolean describesLater = rank(event.status()) >= rank(current.status());
        boolean approval = event.status() == FixStatus.APPROVED;
        boolean rollout = event.status() == FixStatus.ROLLED_OUT;
        return new FixState(
                current.fixId(),
                current.service(),
                pick(current.handler(), event.handler(), describesLater),
                pick(current.capability(), event.capability() == null ? null : event.capability().name(), describesLater),
                pick(current.anomalyId(), event.anomalyId(), describesLater),
                advances ? event.status() : current.status(),
                advances ? event.occurredAt() : current.statusAt(),
                pick(current.title(), event.title(), describesLater),
                pick(current.diagnosis(), event.diagnosis(), describesLater),
                pick(current.playbook(), event.playbook(), describesLater),
                approval ? event.actor() : current.approvedBy(),
                approval ? event.occurredAt() : current.approvedAt(),
                rollout ? event.occurredAt() : current.rolledOutAt(),
                // The note comes with the rollout; later transitions carry none and keep it.
                pick(current.note(), event.docNote(), true));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String pick(String current, String incoming, boolean incomingIsLater) {
        if (incoming == null || incoming.isBlank()) {
            return current;
        }
        return current == null || incomingIsLater ? incoming : current;
    }
}
