package dev.selfheal.healer.fix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selfheal.contracts.v1.Evidence;
import dev.selfheal.contracts.v1.FixEvent;
import dev.selfheal.healer.audit.AuditEntry;
import dev.selfheal.healer.audit.AuditKind;
import dev.selfheal.healer.audit.Decision;
import dev.selfheal.healer.proposal.FixDraft;
import dev.selfheal.healer.rollout.RolloutRecord;
import dev.selfheal.healer.rollout.RolloutView;
import dev.selfheal.healing.diagnosis.RootCause;
import dev.selfheal.healing.playbook.Artifact;
import dev.selfheal.healing.playbook.FixPlan;
import dev.selfheal.healing.playbook.RuntimeAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Between the fix entity and what leaves the service: REST views and {@link FixEvent}s. */
public final class FixMapper {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<CandidateView>> CANDIDATES = new TypeReference<>() {
    };
    private static final TypeReference<List<ActionView>> ACTIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> LINES = new TypeReference<>() {
    };
    private static final TypeReference<List<CheckView>> CHECKS = new TypeReference<>() {
    };
    private static final TypeReference<List<AlternativeView>> ALTERNATIVES = new TypeReference<>() {
    };

    private FixMapper() {
    }

    /**
     * A fix's id follows from its anomaly's, so a proposal that is retried after a failed commit keeps the id it
     * may already have been published under.
     */
    public static String fixId(String anomalyId) {
        return UUID.nameUUIDFromBytes(("fix:" + anomalyId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static FixProposal toEntity(FixDraft draft, Instant now, Duration expireAfter) {
        var anomaly = draft.anomaly();
        FixPlan plan = draft.plan();
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
        fix.incidentId = anomaly.incidentId();
        fix.signature = anomaly.signature();
        fix.playbook = plan.playbook();
        fix.title = plan.title();
        fix.diagnosis = draft.diagnosis().summary();
        fix.change = plan.change();
        fix.risk = plan.risk();
        ActionView primary = primary(plan);
        fix.actionType = primary.type();
        fix.actionTargetKind = primary.targetKind();
        fix.actionTarget = primary.target();
        fix.actionParameters = primary.parameters();
        fix.actionDescription = primary.description();
        fix.candidates = write(draft.diagnosis().candidates().stream().map(FixMapper::candidate).toList());
        fix.actions = write(plan.actions().stream().map(FixMapper::action).toList());
        fix.validationPlan = write(plan.validation());
        fix.validation = write(draft.checks().stream().map(c -> new CheckView(c.check(), c.status(), c.detail()))
                .toList());
        fix.alternatives = write(draft.alternatives().stream()
                .map(a -> new AlternativeView(a.playbook(), a.title(), a.risk(), a.rank())).toList());
        fix.sourceCommit = draft.sourceCommit();
        fix.approvalsRequired = draft.approvalsRequired();
        fix.expiresAt = now.plus(expireAfter);
        fix.unattended = draft.unattended();
        fix.createdAt = now;
        fix.updatedAt = now;
        return fix;
    }

    public static List<FixArtifact> artifacts(String fixId, List<Artifact> artifacts) {
        List<FixArtifact> rows = new ArrayList<>();
        for (int i = 0; i < artifacts.size(); i++) {
            rows.add(FixArtifact.of(fixId, i, artifacts.get(i)));
        }
        return rows;
    }

    /** The runtime actions a stored fix carries, in order. */
    public static List<RuntimeAction> runtimeActions(FixProposal fix) {
        return runtimeActions(fix.actions);
    }

    /** Runtime actions stored as JSON (a fix's actions, a rollout's applied and undo actions), in order. */
    public static List<RuntimeAction> runtimeActions(String json) {
        return read(json, ACTIONS).stream().map(a -> new RuntimeAction(RuntimeAction.Type.valueOf(a.type()),
                a.targetKind(), a.target(), a.parameters(), a.description())).toList();
    }

    /** The validation checks that failed; a fix with any cannot be approved. */
    public static List<CheckView> failedChecks(FixProposal fix) {
        return read(fix.validation, CHECKS).stream().filter(c -> "FAILED".equals(c.status())).toList();
    }

    /** The event announcing the state {@code fix} is now in; the documentation note travels with it. */
    public static FixEvent event(FixProposal fix, String actor, String comment, Instant at, String docNote) {
        return new FixEvent(fix.id, fix.anomalyId, fix.capability, fix.service, fix.handler, fix.status, fix.playbook,
                fix.title, fix.diagnosis, actor, comment, at, fix.incidentId, fix.signature,
                fix.risk == null ? null : fix.risk.name(), docNote);
    }

    public static FixSummary summary(FixProposal fix, List<AuditEntry> trail) {
        List<DecisionView> decisions = decisions(trail);
        return new FixSummary(fix.id, fix.anomalyId, fix.capability.name(), fix.status.name(), fix.service,
                fix.serviceVersion, fix.handler, fix.severity == null ? null : fix.severity.name(), fix.playbook,
                fix.title, fix.diagnosis, fix.risk == null ? null : fix.risk.name(), fix.approvalsRequired,
                approvals(trail), fix.expiresAt, decisions.isEmpty() ? null : decisions.get(decisions.size() - 1),
                fix.createdAt, fix.updatedAt);
    }

    public static FixView view(FixProposal fix, List<AuditEntry> trail, List<FixArtifact> artifacts,
            RolloutRecord rollout) {
        Evidence e = fix.evidence;
        return new FixView(fix.id, fix.anomalyId, fix.capability.name(), fix.status.name(), fix.service,
                fix.serviceVersion, fix.handler, fix.severity == null ? null : fix.severity.name(), fix.score,
                fix.anomalySummary, fix.detectedAt, fix.playbook, fix.title, fix.diagnosis,
                new EvidenceView(new TreeMap<>(e.figures()), new TreeMap<>(e.details()), e.exampleTraceIds()),
                fix.incidentId, fix.signature, read(fix.candidates, CANDIDATES),
                fix.risk == null ? null : fix.risk.name(), fix.change,
                new ActionView(fix.actionType, fix.actionTargetKind, fix.actionTarget, fix.actionParameters,
                        fix.actionDescription),
                read(fix.actions, ACTIONS),
                artifacts.stream().map(a -> new ArtifactView(a.kind.name(), a.path, a.description, a.content)).toList(),
                read(fix.validationPlan, LINES), read(fix.validation, CHECKS), read(fix.alternatives, ALTERNATIVES),
                fix.sourceCommit, fix.approvalsRequired, approvals(trail), fix.expiresAt, fix.unattended,
                decisions(trail),
                rollout == null ? null : RolloutView.of(rollout),
                rollout == null || rollout.verifyAfter == null ? null : new VerificationView(rollout.verifyAfter,
                        rollout.verifyUntil, rollout.recurredAt, rollout.verifiedAt, rollout.verification),
                trail.stream().filter(a -> a.kind == AuditKind.TRANSITION)
                        .map(a -> new StepView(a.toStatus.name(), a.occurredAt, a.actor, a.comment))
                        .toList(),
                fix.createdAt, fix.updatedAt);
    }

    /** Distinct people who approved. */
    public static int approvals(List<AuditEntry> trail) {
        return (int) trail.stream().filter(a -> a.kind == AuditKind.DECISION && a.decision == Decision.APPROVE)
                .map(a -> a.actor).distinct().count();
    }

    static CandidateView candidate(RootCause c) {
        return new CandidateView(c.kind().name(), c.service(), c.handler(), c.dependency(), c.key(), c.version(),
                c.confidence(), c.explanation(), c.figures());
    }

    static ActionView action(RuntimeAction a) {
        return new ActionView(a.type().name(), a.kind(), a.name(), a.parameters(), a.description());
    }

    /** The action a list shows: the first runtime action, else the code change, else nothing to run. */
    private static ActionView primary(FixPlan plan) {
        if (!plan.actions().isEmpty()) {
            return action(plan.actions().get(0));
        }
        boolean code = plan.artifacts().stream().anyMatch(a -> a.kind() == Artifact.Kind.CODE_DIFF
                || a.kind() == Artifact.Kind.TEST);
        return new ActionView(code ? "CODE_CHANGE" : "DOCUMENTATION", "Repository", plan.diagnosis().anomaly().service(),
                Map.of("artifacts", Integer.toString(plan.artifacts().size())),
                code ? "Push a branch with the code change, tests and note for the team's CI."
                        : "Publish the documentation note.");
    }

    private static List<DecisionView> decisions(List<AuditEntry> trail) {
        return trail.stream().filter(a -> a.kind == AuditKind.DECISION)
                .map(a -> new DecisionView(a.decision.name(), a.actor, a.occurredAt, a.comment))
                .toList();
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot be written as JSON: " + value, e);
        }
    }

    static <T> List<T> read(String json, TypeReference<List<T>> type) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored JSON column is not readable", e);
        }
    }
}
