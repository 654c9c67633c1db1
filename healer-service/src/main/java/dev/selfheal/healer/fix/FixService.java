package dev.selfheal.healer.fix;

import dev.selfheal.contracts.v1.AnomalyDetected;
import dev.selfheal.contracts.v1.FixStatus;
import dev.selfheal.healer.audit.AuditEntry;
import dev.selfheal.healer.audit.AuditEntryView;
import dev.selfheal.healer.audit.AuditRepository;
import dev.selfheal.healer.audit.Decision;
import dev.selfheal.healer.ledger.LedgerService;
import dev.selfheal.healer.messaging.FixPublisher;
import dev.selfheal.healer.proposal.FixDraft;
import dev.selfheal.healer.rollout.RolloutRecord;
import dev.selfheal.healer.rollout.RolloutRepository;
import dev.selfheal.healer.rollout.RolloutResult;
import dev.selfheal.healer.rollout.RolloutService;
import dev.selfheal.healing.playbook.Artifact;
import dev.selfheal.platform.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The life of a fix: proposed from an anomaly, approved by as many distinct people as its risk needs (or by the
 * ledger for an unattended playbook), rolled out, then verified or rolled back. Every transition is written (state
 * and audit entry) and then published on {@code selfheal.fixes.v1} inside the same transaction, so a transition
 * whose event Kafka did not acknowledge is undone rather than silently lost.
 */
@ApplicationScoped
public class FixService {

    /** The actor of the steps the healer takes on its own. */
    public static final String SELFHEAL = "selfheal";

    private static final Logger LOG = Logger.getLogger(FixService.class);

    private final FixRepository fixes;
    private final AuditRepository audit;
    private final RolloutRepository rollouts;
    private final RolloutService rollout;
    private final FixPublisher publisher;
    private final FixesConfig config;
    private final LedgerService ledger;
    private final MeterRegistry registry;

    public FixService(FixRepository fixes, AuditRepository audit, RolloutRepository rollouts, RolloutService rollout,
            FixPublisher publisher, FixesConfig config, LedgerService ledger, MeterRegistry registry) {
        this.fixes = fixes;
        this.audit = audit;
        this.rollouts = rollouts;
        this.rollout = rollout;
        this.publisher = publisher;
        this.config = config;
        this.ledger = ledger;
        this.registry = registry;
    }

    /** Whether the anomaly already has a proposal, so its diagnosis need not run again. */
    public Uni<Boolean> proposed(String anomalyId) {
        return Panache.withSession(() -> fixes.findById(FixMapper.fixId(anomalyId)).map(f -> f != null));
    }

    /**
     * Stores the proposal unless the anomaly has one already. Runs inside the caller's transaction (the consumer's,
     * which also records the event id), so a failure leaves neither proposal nor event id behind. A draft the
     * ledger allows to run unattended is approved by Selfheal in the same transaction; {@link #rollOutApproved}
     * then rolls it out.
     */
    public Uni<Void> propose(FixDraft draft) {
        AnomalyDetected anomaly = draft.anomaly();
        requireIdentity(anomaly);
        return fixes.findByAnomaly(anomaly.anomalyId()).chain(existing -> {
            if (existing != null) {
                LOG.debugf("anomaly %s already has fix %s", anomaly.anomalyId(), existing.id);
                return Uni.createFrom().voidItem();
            }
            Instant now = Instant.now();
            FixProposal fix = FixMapper.toEntity(draft, now, config.expireAfter());
            fix.status = FixStatus.PENDING_APPROVAL;
            String why = "proposed by playbook " + fix.playbook + " (" + fix.risk + " risk, " + fix.approvalsRequired
                    + (fix.approvalsRequired == 1 ? " approval" : " distinct approvals") + " needed) for anomaly "
                    + anomaly.anomalyId();
            Uni<Void> stored = fixes.persist(fix)
                    .chain(() -> persistAll(FixMapper.artifacts(fix.id, draft.plan().artifacts())))
                    .chain(() -> audit.transition(fix.id, null, FixStatus.PENDING_APPROVAL, SELFHEAL, why, now))
                    .chain(this::written)
                    .chain(() -> publish(fix, SELFHEAL, null, now, null))
                    .invoke(() -> registry.counter("selfheal.healer.proposals", "playbook", fix.playbook).increment());
            if (!draft.unattended() || !FixMapper.failedChecks(fix).isEmpty()) {
                return stored;
            }
            String unattended = "unattended: an operator enabled playbook " + fix.playbook
                    + " and its success rate clears the ledger's bar";
            return stored.chain(() -> {
                fix.status = FixStatus.APPROVED;
                fix.updatedAt = now;
                return audit.transition(fix.id, FixStatus.PENDING_APPROVAL, FixStatus.APPROVED, SELFHEAL, unattended,
                        now);
            }).chain(this::written).chain(() -> publish(fix, SELFHEAL, unattended, now, null));
        });
    }

    /**
     * Records an approver's decision. A rejection ends the proposal; an approval counts towards the distinct
     * approvals its risk needs, and the last one needed hands it to the rollout. The answer shows where the fix
     * ended up.
     */
    public Uni<FixView> decide(String id, Decision decision, String comment, String actor) {
        return Panache.withTransaction(() -> fixes.lock(id).chain(fix -> {
                    if (fix == null) {
                        return Uni.createFrom().<FixStatus>failure(ProblemException.notFound("no fix " + id));
                    }
                    if (fix.status != FixStatus.PENDING_APPROVAL) {
                        return Uni.createFrom().<FixStatus>failure(ProblemException.conflict("fix " + id + " is "
                                + fix.status + "; only a fix in PENDING_APPROVAL can be approved or rejected"));
                    }
                    Instant now = Instant.now();
                    if (fix.expiresAt != null && !now.isBefore(fix.expiresAt)) {
                        return Uni.createFrom().<FixStatus>failure(ProblemException.conflict("fix " + id
                                + " expired at " + fix.expiresAt + "; a stale proposal is not rolled out"));
                    }
                    List<CheckView> failed = FixMapper.failedChecks(fix);
                    if (decision == Decision.APPROVE && !failed.isEmpty()) {
                        return Uni.createFrom().<FixStatus>failure(ProblemException.conflict("fix " + id
                                + " failed validation (" + failed.stream().map(c -> c.check() + ": " + c.detail())
                                        .collect(Collectors.joining("; ")) + "); it can only be rejected"));
                    }
                    return audit.trail(id).chain(trail -> {
                        boolean already = trail.stream().anyMatch(a -> a.decision != null && a.actor.equals(actor));
                        if (already) {
                            return Uni.createFrom().<FixStatus>failure(ProblemException.conflict(actor
                                    + " has already decided on fix " + id + "; a second approval must come from "
                                    + "someone else"));
                        }
                        int approvals = FixMapper.approvals(trail) + (decision == Decision.APPROVE ? 1 : 0);
                        FixStatus next = decision == Decision.REJECT ? FixStatus.REJECTED
                                : approvals >= fix.approvalsRequired ? FixStatus.APPROVED : FixStatus.PENDING_APPROVAL;
                        Uni<AuditEntry> recorded = audit.decision(id, decision, actor, comment, now);
                        if (next == FixStatus.PENDING_APPROVAL) {
                            return recorded.chain(this::written).replaceWith(next);
                        }
                        String why = decision + " by " + actor + (comment == null ? "" : ": " + comment)
                                + (next == FixStatus.APPROVED && fix.approvalsRequired > 1
                                        ? " (approval " + approvals + " of " + fix.approvalsRequired + ")" : "");
                        fix.status = next;
                        fix.updatedAt = now;
                        return recorded
                                .chain(() -> audit.transition(id, FixStatus.PENDING_APPROVAL, next, actor, why, now))
                                .chain(this::written)
                                .chain(() -> publish(fix, actor, comment, now, null))
                                .replaceWith(next);
                    });
                }))
                .onFailure(e -> !(e instanceof ProblemException)).transform(e -> ProblemException.unavailable(
                        "the decision could not be stored and published; retry later", config.retryAfter(), e))
                .invoke(() -> registry.counter("selfheal.healer.decisions",
                        "outcome", decision.name().toLowerCase(Locale.ROOT)).increment())
                .chain(next -> next == FixStatus.APPROVED ? rollOutApproved(id) : Uni.createFrom().voidItem())
                .chain(() -> view(id));
    }

    /**
     * Rolls out a fix that is APPROVED (by people or unattended) and records the outcome: ROLLED_OUT with its
     * verification window, or FAILED with what was undone. A failure before the outcome is known leaves the fix
     * APPROVED; the verification job retries it.
     */
    public Uni<Void> rollOutApproved(String id) {
        return Panache.withTransaction(() -> fixes.lock(id).chain(fix -> {
                    if (fix == null || fix.status != FixStatus.APPROVED) {
                        return Uni.createFrom().voidItem();
                    }
                    return FixArtifact.<FixArtifact>list("fixId = ?1 order by ordinal", id).chain(rows -> {
                        List<Artifact> artifacts = rows.stream().map(FixArtifact::toArtifact).toList();
                        Instant started = Instant.now();
                        return rollout.rollOut(fix, FixMapper.runtimeActions(fix), artifacts)
                                .chain(result -> finishRollout(fix, result, started, note(artifacts)));
                    });
                }))
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("fix %s is approved but its rollout did not complete: %s", id, e.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> finishRollout(FixProposal fix, RolloutResult result, Instant started, String docNote) {
        Instant now = Instant.now();
        RolloutRecord record = new RolloutRecord();
        record.fixId = fix.id;
        record.targetKind = fix.actionTargetKind;
        record.namespace = result.namespace();
        record.target = fix.actionTarget;
        record.action = fix.actionType;
        record.parameters = fix.actionParameters;
        record.mode = result.mode();
        record.outcome = result.succeeded() ? RolloutRecord.SUCCEEDED : RolloutRecord.FAILED;
        record.detail = result.detail();
        record.startedAt = started;
        record.completedAt = now;
        record.actions = FixMapper.write(result.applied().stream().map(FixMapper::action).toList());
        record.undo = FixMapper.write(result.undo().stream().map(FixMapper::action).toList());
        record.gitBranch = result.gitBranch();
        record.gitCommit = result.gitCommit();
        record.gitRemote = result.gitRemote();
        FixStatus next = result.succeeded() ? FixStatus.ROLLED_OUT : FixStatus.FAILED;
        if (result.succeeded()) {
            record.verifyAfter = now.plus(config.verifySettle());
            record.verifyUntil = record.verifyAfter.plus(config.verifyWindow());
        }
        fix.status = next;
        fix.updatedAt = now;
        String why = result.detail() + (result.succeeded() ? " Verifying from " + record.verifyAfter + " until "
                + record.verifyUntil + "." : "");
        Uni<Void> outcome = result.succeeded() ? Uni.createFrom().voidItem()
                : ledger.record(fix.id, fix.playbook, fix.capability.name(), fix.service, false, fix.detectedAt,
                        started, now);
        return rollouts.persist(record)
                .chain(() -> audit.transition(fix.id, FixStatus.APPROVED, next, SELFHEAL, why, now))
                .chain(() -> outcome)
                .chain(this::written)
                .chain(() -> publish(fix, SELFHEAL, why, now, result.succeeded() ? docNote : null))
                .invoke(() -> registry.counter("selfheal.healer.rollouts",
                        "outcome", result.succeeded() ? "succeeded" : "failed").increment());
    }

    /**
     * Concludes a rolled-out fix's verification: VERIFIED when the problem stayed away for the window, or (when it
     * persisted or worsened) the change is undone and the fix ROLLED_BACK, or FAILED when the undo itself did not
     * complete. Either way the ledger learns the outcome and the detector hears it on {@code selfheal.fixes.v1}.
     */
    public Uni<Void> conclude(String id, boolean helped, String conclusion) {
        return Panache.withTransaction(() -> fixes.lock(id).chain(fix -> {
            if (fix == null || fix.status != FixStatus.ROLLED_OUT) {
                return Uni.createFrom().voidItem();
            }
            return rollouts.findById(id).chain(record -> {
                Instant now = Instant.now();
                if (helped) {
                    return settle(fix, record, FixStatus.VERIFIED, true, conclusion, now);
                }
                return rollout.undo(fix, record)
                        .map(detail -> conclusion + " Rolled back: " + detail)
                        .chain(why -> settle(fix, record, FixStatus.ROLLED_BACK, false, why, Instant.now()))
                        .onFailure().recoverWithUni(e -> settle(fix, record, FixStatus.FAILED, false, conclusion
                                + " The rollback did not complete (" + e.getMessage()
                                + "); a person must restore the previous state.", Instant.now()));
            });
        }));
    }

    private Uni<Void> settle(FixProposal fix, RolloutRecord record, FixStatus next, boolean helped, String why,
            Instant now) {
        record.verifiedAt = now;
        record.verification = why;
        fix.status = next;
        fix.updatedAt = now;
        return ledger.record(fix.id, fix.playbook, fix.capability.name(), fix.service, helped, fix.detectedAt,
                        record.completedAt, now)
                .chain(() -> audit.transition(fix.id, FixStatus.ROLLED_OUT, next, SELFHEAL, why, now))
                .chain(this::written)
                .chain(() -> publish(fix, SELFHEAL, why, now, null))
                .invoke(() -> registry.counter("selfheal.healer.verifications",
                        "outcome", next.name().toLowerCase(Locale.ROOT)).increment());
    }

    /** Records why a rolled-out fix's verification is still waiting, for the fix's view; no state changes. */
    public Uni<Void> note(String id, String why) {
        return Panache.withTransaction(() -> rollouts.findById(id).invoke(record -> {
            if (record != null) {
                record.verification = why;
            }
        })).replaceWithVoid();
    }

    /** Expires a proposal nobody decided in time; a stale fix is never rolled out later by surprise. */
    public Uni<Boolean> expire(String id) {
        return Panache.withTransaction(() -> fixes.lock(id).chain(fix -> {
            Instant now = Instant.now();
            if (fix == null || fix.status != FixStatus.PENDING_APPROVAL || fix.expiresAt == null
                    || now.isBefore(fix.expiresAt)) {
                return Uni.createFrom().item(false);
            }
            String why = "no decision by " + fix.expiresAt + " (proposals expire after " + config.expireAfter() + ")";
            fix.status = FixStatus.EXPIRED;
            fix.updatedAt = now;
            return audit.transition(id, FixStatus.PENDING_APPROVAL, FixStatus.EXPIRED, SELFHEAL, why, now)
                    .chain(this::written)
                    .chain(() -> publish(fix, SELFHEAL, why, now, null))
                    .replaceWith(true);
        }));
    }

    /**
     * Notes that an anomaly of the same problem arrived while a fix for it is being verified: the problem is back.
     * Runs inside the caller's transaction.
     */
    public Uni<Void> recurrence(AnomalyDetected anomaly) {
        Instant at = anomaly.detectedAt() == null ? Instant.now() : anomaly.detectedAt();
        return fixes.verifying(anomaly.service(), anomaly.capability(), anomaly.handler()).chain(verifying -> {
            List<String> ids = verifying.stream()
                    .filter(f -> java.util.Objects.equals(f.signature, anomaly.signature())).map(f -> f.id).toList();
            if (ids.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return rollouts.list("fixId in ?1", ids).invoke(records -> records.stream()
                    .filter(r -> r.verifyAfter != null && !at.isBefore(r.verifyAfter))
                    .forEach(r -> r.recurredAt = r.recurredAt == null || at.isAfter(r.recurredAt) ? at : r.recurredAt))
                    .replaceWithVoid();
        });
    }

    public Uni<List<FixSummary>> list(FixStatus status, String service, int limit) {
        return Panache.withSession(() -> fixes.search(status, service, limit)
                .chain(found -> audit.trails(found.stream().map(f -> f.id).toList()).map(entries -> {
                    Map<String, List<AuditEntry>> byFix = entries.stream()
                            .collect(Collectors.groupingBy(a -> a.fixId));
                    return found.stream().map(f -> FixMapper.summary(f, byFix.getOrDefault(f.id, List.of()))).toList();
                })));
    }

    public Uni<FixView> view(String id) {
        return Panache.withSession(() -> fixes.findById(id).chain(fix -> {
            if (fix == null) {
                return Uni.createFrom().failure(ProblemException.notFound("no fix " + id));
            }
            return audit.trail(id).chain(trail -> FixArtifact.<FixArtifact>list("fixId = ?1 order by ordinal", id)
                    .chain(artifacts -> rollouts.findById(id)
                            .map(record -> FixMapper.view(fix, trail, artifacts, record))));
        }));
    }

    public Uni<List<AuditEntryView>> trail(String id) {
        return Panache.withSession(() -> fixes.findById(id).chain(fix -> {
            if (fix == null) {
                return Uni.createFrom().failure(ProblemException.notFound("no fix " + id));
            }
            return audit.trail(id).map(entries -> entries.stream().map(AuditEntryView::of).toList());
        }));
    }

    private Uni<Void> publish(FixProposal fix, String actor, String comment, Instant at, String docNote) {
        return publisher.publish(FixMapper.event(fix, actor, comment, at, docNote))
                .ifNoItem().after(config.publishTimeout()).fail();
    }

    private static String note(List<Artifact> artifacts) {
        return artifacts.stream().filter(a -> a.kind() == Artifact.Kind.DOC_NOTE).map(Artifact::content)
                .findFirst().orElse(null);
    }

    private static Uni<Void> persistAll(List<FixArtifact> rows) {
        return rows.isEmpty() ? Uni.createFrom().voidItem() : FixArtifact.persist(rows);
    }

    /** Sends the writes to the database before the event goes out, so a refused write never gets published. */
    private Uni<Void> written(Object ignored) {
        return Panache.flush();
    }

    /** Refuses an anomaly that names no problem to fix; such an event goes to the dead-letter topic. */
    public static void requireIdentity(AnomalyDetected anomaly) {
        String missing = anomaly.anomalyId() == null || anomaly.anomalyId().isBlank() ? "anomalyId"
                : anomaly.capability() == null ? "capability"
                : anomaly.service() == null || anomaly.service().isBlank() ? "service"
                : anomaly.version() == null || anomaly.version().isBlank() ? "version"
                : anomaly.handler() == null || anomaly.handler().isBlank() ? "handler"
                : null;
        if (missing != null) {
            throw new IllegalArgumentException("anomaly " + anomaly.anomalyId() + " has no " + missing);
        }
    }
}
