package dev.selfheal.healer.fix;

import dev.selfheal.contracts.v1.AnomalyDetected;
import dev.selfheal.contracts.v1.Evidence;
import dev.selfheal.contracts.v1.FixEvent;
import dev.selfheal.healer.audit.AuditEntry;
import dev.selfheal.healer.audit.AuditKind;
import dev.selfheal.healer.diagnosis.Proposal;
import dev.selfheal.healer.rollout.RolloutRecord;
import dev.selfheal.healer.rollout.RolloutView;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

/** Between the fix entity and what leaves the service: REST views and {@link FixEvent}s. */
public final class FixMapper {

    private FixMapper() {
    }

    /**
     * A fix's id follows from its anomaly's, so a proposal that is retried after a failed commit keeps the id it
     * may already have been published under.
     */
    public static String fixId(String anomalyId) {
        return UUID.nameUUIDFromBytes(("fix:" + anomalyId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static FixProposal toEntity(AnomalyDetected anomaly, Proposal proposal, Instant now) {
        FixProposal fix = new FixProposal();
        fix.id = fixId(anomaly.anomalyId());
        fix.anomalyId = anomaly.anomalyId();
        fix.capability = anomaly.capability();
        fix.service = anomaly.service();
        fix.serviceVersion = anomaly.version();
        fix.handler = anomaly.handler();
        fix.severity = anomaly.severity();
        fix.score = anomaly.score();
        fix.anomalySummary = anomaly.summary();
        fix.detectedAt = anomaly.detectedAt();
        fix.evidence = anomaly.evidence() == null ? new Evidence(null, null, null) : anomaly.evidence();
        fix.playbook = proposal.playbook();
        fix.title = proposal.title();
        fix.diagnosis = proposal.diagnosis();
        fix.actionType = proposal.action().type();
        fix.actionTargetKind = proposal.action().targetKind();
        fix.actionTarget = proposal.action().target();
        fix.actionParameters = proposal.action().parameters();
        fix.actionDescription = proposal.action().description();
        fix.createdAt = now;
        fix.updatedAt = now;
        return fix;
    }

    /** The event announcing the state {@code fix} is now in. */
    public static FixEvent event(FixProposal fix, String actor, String comment, Instant at) {
        return new FixEvent(fix.id, fix.anomalyId, fix.capability, fix.service, fix.handler, fix.status, fix.playbook,
                fix.title, fix.diagnosis, actor, comment, at);
    }

    public static FixSummary summary(FixProposal fix, List<AuditEntry> trail) {
        return new FixSummary(fix.id, fix.anomalyId, fix.capability.name(), fix.status.name(), fix.service,
                fix.serviceVersion, fix.handler, fix.severity == null ? null : fix.severity.name(), fix.playbook,
                fix.title, fix.diagnosis, decisions(trail).stream().findFirst().orElse(null), fix.createdAt,
                fix.updatedAt);
    }

    public static FixView view(FixProposal fix, List<AuditEntry> trail, RolloutRecord rollout) {
        Evidence e = fix.evidence;
        return new FixView(fix.id, fix.anomalyId, fix.capability.name(), fix.status.name(), fix.service,
                fix.serviceVersion, fix.handler, fix.severity == null ? null : fix.severity.name(), fix.score,
                fix.anomalySummary, fix.detectedAt, fix.playbook, fix.title, fix.diagnosis,
                new EvidenceView(new TreeMap<>(e.figures()), new TreeMap<>(e.details()), e.exampleTraceIds()),
                new ActionView(fix.actionType, fix.actionTargetKind, fix.actionTarget, fix.actionParameters,
                        fix.actionDescription),
                decisions(trail),
                rollout == null ? null : RolloutView.of(rollout),
                trail.stream().filter(a -> a.kind == AuditKind.TRANSITION)
                        .map(a -> new StepView(a.toStatus.name(), a.occurredAt, a.actor, a.comment))
                        .toList(),
                fix.createdAt, fix.updatedAt);
    }

    private static List<DecisionView> decisions(List<AuditEntry> trail) {
        return trail.stream().filter(a -> a.kind == AuditKind.DECISION)
                .map(a -> new DecisionView(a.decision.name(), a.actor, a.occurredAt, a.comment))
                .toList();
    }
}
