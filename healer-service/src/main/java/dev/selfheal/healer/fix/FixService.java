package dev.selfheal.healer.fix;

import dev.selfheal.contracts.v1.AnomalyDetected;
import dev.selfheal.contracts.v1.FixStatus;
import dev.selfheal.healer.audit.AuditEntry;
import dev.selfheal.healer.audit.AuditEntryView;
import dev.selfheal.healer.audit.AuditRepository;
import dev.selfheal.healer.audit.Decision;
import dev.selfheal.healer.diagnosis.Diagnoser;
import dev.selfheal.healer.diagnosis.Proposal;
import dev.selfheal.healer.messaging.FixPublisher;
import dev.selfheal.healer.rollout.RolloutOutcome;
import dev.selfheal.healer.rollout.RolloutRepository;
import dev.selfheal.healer.rollout.RolloutRequest;
import dev.selfheal.healer.rollout.RolloutTarget;
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
 * The life of a fix: proposed from an anomaly, decided by an approver, handed to the rollout target. Every
 * transition is written (state and audit entry) and then published on {@code selfheal.fixes.v1} inside the same
 * transaction, so a transition whose event Kafka did not acknowledge is undone rather than silently lost.
 */
@ApplicationScoped
public class FixService {

    /** The actor of the steps the healer takes on its own. */
    public static final String SELFHEAL = "selfheal";

    private static final Logger LOG = Logger.getLogger(FixService.class);

    private final FixRepository fixes;
    private final AuditRepository audit;
    private final RolloutRepository rollouts;
    private final RolloutTarget target;
    private final FixPublisher publisher;
    private final FixesConfig config;
    private final MeterRegistry registry;
    private final Diagnoser diagnoser;

    public FixService(FixRepository fixes, AuditRepository audit, RolloutRepository rollouts, RolloutTarget target,
            FixPublisher publisher, FixesConfig config, MeterRegistry registry) {
        this.fixes = fixes;
        this.audit = audit;
        this.rollouts = rollouts;
        this.target = target;
        this.publisher = publisher;
        this.config = config;
        this.registry = registry;
        this.diagnoser = new Diagnoser(config.maxAddedReplicas());
    }

    /**
     * Proposes a fix for the anomaly, unless one exists already. Runs inside the caller's transaction (the
     * consumer's, which also records the event id), so a failure leaves neither proposal nor event id behind.
     */
    public Uni<Void> propose(AnomalyDetected anomaly) {
        requireIdentity(anomaly);
        return fixes.findByAnomaly(anomaly.anomalyId()).chain(existing -> {
            if (existing != null) {
                LOG.debugf("anomaly %s already has fix %s", anomaly.anomalyId(), existing.id);
                return Uni.createFrom().voidItem();
            }
            Proposal proposal = diagnoser.diagnose(anomaly);
            Instant now = Instant.now();
            FixProposal fix = FixMapper.toEntity(anomaly, proposal, now);
            fix.status = FixStatus.PENDING_APPROVAL;
            String why = "proposed by playbook " + proposal.playbook() + " for anomaly " + anomaly.anomalyId();
            return fixes.persist(fix)
                    .chain(() -> audit.transition(fix.id, null, FixStatus.PENDING_APPROVAL, SELFHEAL, why, now))
                    .chain(this::written)
                    .chain(() -> publish(fix, SELFHEAL, null, now))
                    .invoke(() -> registry.counter("selfheal.healer.proposals", "playbook", fix.playbook).increment());
        });
    }

    /**
     * Records an approver's decision. An approval is then handed to the rollout target; the answer shows where the
     * fix ended up (ROLLED_OUT, or APPROVED when the rollout could not complete and must be retried).
     */
    public Uni<FixView> decide(String id, Decision decision, String comment, String actor) {
        FixStatus next = decision == Decision.APPROVE ? FixStatus.APPROVED : FixStatus.REJECTED;
        return Panache.withTransaction(() -> fixes.lock(id).chain(fix -> {
                    if (fix == null) {
                        return Uni.createFrom().<FixProposal>failure(ProblemException.notFound("no fix " + id));
                    }
                    if (fix.status != FixStatus.PENDING_APPROVAL) {
                        return Uni.createFrom().<FixProposal>failure(ProblemException.conflict("fix " + id + " is "
                                + fix.status + "; only a fix in PENDING_APPROVAL can be approved or rejected"));
                    }
                    Instant now = Instant.now();
                    String why = decision + " by " + actor + (comment == null ? "" : ": " + comment);
                    fix.status = next;
                    fix.updatedAt = now;
                    return audit.decision(id, decision, actor, comment, now)
                            .chain(() -> audit.transition(id, FixStatus.PENDING_APPROVAL, next, actor, why, now))
                            .chain(this::written)
                            .chain(() -> publish(fix, actor, comment, now))
                            .replaceWith(fix);
                }))
                .onFailure(e -> !(e instanceof ProblemException)).transform(e -> ProblemException.unavailable(
                        "the decision could not be stored and published; retry later", config.retryAfter(), e))
                .invoke(() -> registry.counter("selfheal.healer.decisions",
                        "outcome", decision.name().toLowerCase(Locale.ROOT)).increment())
                .chain(fix -> next == FixStatus.APPROVED ? rollOut(id, actor) : Uni.createFrom().voidItem())
                .chain(() -> view(id));
    }

    /**
     * Hands an approved fix to the rollout target and records the outcome. A failure here does not undo the
     * approval: the fix stays APPROVED, which the answer and the dashboard show.
     */
    private Uni<Void> rollOut(String id, String approvedBy) {
        return Panache.withTransaction(() -> fixes.lock(id).chain(fix -> {
                    if (fix == null || fix.status != FixStatus.APPROVED) {
                        return Uni.createFrom().voidItem();
                    }
                    return target.rollOut(request(fix, approvedBy)).chain(outcome -> finish(fix, outcome));
                }))
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("fix %s is approved but its rollout did not complete: %s", id, e.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> finish(FixProposal fix, RolloutOutcome outcome) {
        Instant now = Instant.now();
        FixStatus next = outcome.succeeded() ? FixStatus.ROLLED_OUT : FixStatus.FAILED;
        fix.status = next;
        fix.updatedAt = now;
        return audit.transition(fix.id, FixStatus.APPROVED, next, SELFHEAL, outcome.detail(), now)
                .chain(this::written)
                .chain(() -> publish(fix, SELFHEAL, outcome.detail(), now))
                .invoke(() -> registry.counter("selfheal.healer.rollouts",
                        "outcome", outcome.succeeded() ? "succeeded" : "failed").increment());
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
            return audit.trail(id).chain(trail -> rollouts.findById(id)
                    .map(rollout -> FixMapper.view(fix, trail, rollout)));
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

    private Uni<Void> publish(FixProposal fix, String actor, String comment, Instant at) {
        return publisher.publish(FixMapper.event(fix, actor, comment, at))
                .ifNoItem().after(config.publishTimeout()).fail();
    }

    /** Sends the writes to the database before the event goes out, so a refused write never gets published. */
    private Uni<Void> written(Object ignored) {
        return Panache.flush();
    }

    private static RolloutRequest request(FixProposal fix, String approvedBy) {
        return new RolloutRequest(fix.id, fix.service, fix.playbook, fix.actionType, fix.actionTargetKind,
                fix.actionTarget, fix.actionParameters, approvedBy);
    }

    private static void requireIdentity(AnomalyDetected anomaly) {
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
