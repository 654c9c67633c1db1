package dev.selfheal.contracts.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A fix proposal entered a new state. Published by healer-service at every transition.
 *
 * @param fixId      the fix proposal
 * @param anomalyId  the anomaly it answers
 * @param capability the capability of that anomaly
 * @param service    the service the fix changes
 * @param handler    the handler at fault
 * @param status     the state the fix entered
 * @param playbook   the playbook that produced the fix, e.g. {@code performance.rollback-version}
 * @param title      one line describing the change
 * @param diagnosis  why the healer believes this is the cause
 * @param actor      who caused the transition: a person's identity, or {@code selfheal} for automatic steps
 * @param comment    the actor's comment, if any
 * @param occurredAt when the transition happened
 * @param incidentId the detector's incident the anomaly opened, so the detector can relate the outcome; optional
 * @param signature  the anomaly's signature; optional
 * @param risk       the fix's risk, {@code LOW}, {@code MEDIUM} or {@code HIGH}; optional
 * @param docNote    the fix's documentation note (Markdown) for docs-service; optional
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FixEvent(
        String fixId,
        String anomalyId,
        Capability capability,
        String service,
        String handler,
        FixStatus status,
        String playbook,
        String title,
        String diagnosis,
        String actor,
        String comment,
        Instant occurredAt,
        String incidentId,
        String signature,
        String risk,
        String docNote) {

    /** A transition without incident, signature, risk or note, as the first healer published them. */
    public FixEvent(String fixId, String anomalyId, Capability capability, String service, String handler,
            FixStatus status, String playbook, String title, String diagnosis, String actor, String comment,
            Instant occurredAt) {
        this(fixId, anomalyId, capability, service, handler, status, playbook, title, diagnosis, actor, comment,
                occurredAt, null, null, null, null);
    }

    /** The event id of this transition: one per fix and state, so a replayed transition is recognised. */
    public String eventId() {
        return fixId + ":" + status.name();
    }
}
