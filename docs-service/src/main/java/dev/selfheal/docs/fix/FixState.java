package dev.selfheal.docs.fix;

import dev.selfheal.contracts.v1.FixStatus;
import java.time.Instant;

/**
 * What docs-service knows of one fix, merged from its FixEvents whatever order they arrived in.
 *
 * @param fixId       the fix
 * @param service     the service it changes
 * @param handler     the handler at fault
 * @param capability  the capability of the anomaly it answers, e.g. {@code PERFORMANCE}
 * @param anomalyId   the anomaly it answers
 * @param status      the most advanced state seen
 * @param statusAt    when the fix entered that state
 * @param title       one line describing the change
 * @param diagnosis   why the healer believes this is the cause
 * @param playbook    the playbook that produced it
 * @param approvedBy  who approved it: the actor of its APPROVED event
 * @param approvedAt  when it was approved
 * @param rolledOutAt when it was rolled out
 */
public record FixState(
        String fixId,
        String service,
        String handler,
        String capability,
        String anomalyId,
        FixStatus status,
        Instant statusAt,
        String title,
        String diagnosis,
        String playbook,
        String approvedBy,
        Instant approvedAt,
        Instant rolledOutAt,
        String note) {

    /** A fix without the healer's documentation note (events from before it sent one). */
    public FixState(String fixId, String service, String handler, String capability, String anomalyId,
            FixStatus status, Instant statusAt, String title, String diagnosis, String playbook, String approvedBy,
            Instant approvedAt, Instant rolledOutAt) {
        this(fixId, service, handler, capability, anomalyId, status, statusAt, title, diagnosis, playbook, approvedBy,
                approvedAt, rolledOutAt, null);
    }

    /** Whether the fix is live in the service: rolled out, and not since failed or rolled back. */
    public boolean applied() {
        return status == FixStatus.ROLLED_OUT || status == FixStatus.VERIFIED;
    }

    /** When the fix took effect: its rollout, or, when that event has not been seen, its current state. */
    public Instant appliedAt() {
        return rolledOutAt != null ? rolledOutAt : statusAt;
    }
}
