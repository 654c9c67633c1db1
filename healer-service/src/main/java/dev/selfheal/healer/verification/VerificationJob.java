package dev.selfheal.healer.verification;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.FixStatus;
import dev.selfheal.healer.fix.FixProposal;
import dev.selfheal.healer.fix.FixRepository;
import dev.selfheal.healer.fix.FixService;
import dev.selfheal.healer.fix.FixesConfig;
import dev.selfheal.healer.rollout.RolloutRecord;
import dev.selfheal.healer.rollout.RolloutRepository;
import dev.selfheal.healer.telemetry.TelemetryApi;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The healer's clock: expires stale proposals, retries rollouts that did not complete, and verifies rolled-out
 * fixes against the detector's view of the affected handler's telemetry.
 *
 * <p>A fix is judged by its incident at detector-service (whose findings come from the handler's own traces,
 * errors, state and dependency calls): a finding that joins the incident after the change settled means the
 * problem persists (or worsened) and the change is undone at once; an incident that stays quiet for the whole
 * window, while telemetry-service shows the handler in use, means the fix is verified (a handler nobody called
 * proves nothing, so the verdict waits for traffic). An anomaly of the same problem arriving meanwhile (a new
 * incident) counts as a recurrence too. When detector-service cannot be asked, the window is extended once and the verdict then rests
 * on recurrences alone.
 */
@ApplicationScoped
public class VerificationJob {

    private static final Logger LOG = Logger.getLogger(VerificationJob.class);
    private static final int BATCH = 100;
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

    private final FixRepository fixes;
    private final RolloutRepository rollouts;
    private final FixService service;
    private final FixesConfig config;
    private final DetectorApi detector;
    private final TelemetryApi telemetry;

    public VerificationJob(FixRepository fixes, RolloutRepository rollouts, FixService service, FixesConfig config,
            @RestClient DetectorApi detector, @RestClient TelemetryApi telemetry) {
        this.fixes = fixes;
        this.rollouts = rollouts;
        this.service = service;
        this.config = config;
        this.detector = detector;
        this.telemetry = telemetry;
    }

    @Scheduled(every = "${selfheal.fixes.check-every:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return expire().chain(this::retryApproved).chain(this::verify)
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("the healer's periodic work did not complete: %s", e.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    Uni<Void> expire() {
        return Panache.withSession(() -> fixes.expired(Instant.now(), BATCH))
                .chain(stale -> each(stale.stream().map(f -> f.id).toList(), id -> service.expire(id).replaceWithVoid()));
    }

    /** Approved fixes whose rollout did not complete (the cluster or database was away) are tried again. */
    Uni<Void> retryApproved() {
        Instant before = Instant.now().minus(config.retryAfter());
        return Panache.withSession(() -> fixes.inState(FixStatus.APPROVED, BATCH))
                .chain(approved -> each(approved.stream().filter(f -> f.updatedAt.isBefore(before)).map(f -> f.id)
                        .toList(), service::rollOutApproved));
    }

    Uni<Void> verify() {
        Instant now = Instant.now();
        return Panache.withSession(() -> fixes.inState(FixStatus.ROLLED_OUT, BATCH).chain(rolledOut -> {
                    List<String> ids = rolledOut.stream().map(f -> f.id).toList();
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(List.<Watched>of());
                    }
                    return rollouts.list("fixId in ?1", ids).map(records -> {
                        Map<String, RolloutRecord> byFix = records.stream()
                                .collect(Collectors.toMap(r -> r.fixId, Function.identity()));
                        return rolledOut.stream().filter(f -> byFix.containsKey(f.id))
                                .filter(f -> byFix.get(f.id).verifyAfter != null
                                        && !now.isBefore(byFix.get(f.id).verifyAfter))
                                .map(f -> new Watched(f, byFix.get(f.id))).toList();
                    });
                }))
                .chain(watched -> each(watched, w -> judge(w, now)));
    }

    private Uni<Void> judge(Watched w, Instant now) {
        Uni<Boolean> traffic = now.isBefore(w.record().verifyUntil) ? Uni.createFrom().nullItem()
                : traffic(w.fix(), w.record(), now);
        return Uni.combine().all().unis(incident(w.fix()), traffic).asTuple().chain(answers -> {
            Verdict verdict = Verdict.of(w.record(), answers.getItem1(), answers.getItem2(), now,
                    config.verifyWindow());
            if (verdict == null) {
                return Uni.createFrom().voidItem();
            }
            if (verdict.outcome() == Verdict.Outcome.WAITING) {
                return verdict.conclusion().equals(w.record().verification) ? Uni.createFrom().voidItem()
                        : service.note(w.fix().id, verdict.conclusion());
            }
            LOG.infof("fix %s: %s", w.fix().id, verdict.conclusion());
            return service.conclude(w.fix().id, verdict.outcome() == Verdict.Outcome.HELPED, verdict.conclusion());
        });
    }

    /** Whether the affected handler (for a dependency, the calling service) was used since the change settled. */
    private Uni<Boolean> traffic(FixProposal fix, RolloutRecord record, Instant now) {
        String handler = fix.capability == Capability.DEPENDENCY ? null : fix.handler;
        return telemetry.find(fix.service, handler, record.verifyAfter.toString(), now.toString(), 1)
                .map(spans -> !spans.isEmpty())
                .ifNoItem().after(ASK_TIMEOUT).fail()
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("traces of %s could not be listed: %s", fix.service, e.toString());
                    return null;
                });
    }

    private Uni<DetectorApi.Incident> incident(FixProposal fix) {
        if (fix.incidentId == null) {
            return Uni.createFrom().nullItem();
        }
        return detector.incident(fix.incidentId).ifNoItem().after(ASK_TIMEOUT).fail()
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("incident %s could not be read: %s", fix.incidentId, e.toString());
                    return null;
                });
    }

    /** One at a time: each step takes its own transaction, and one failing does not stop the others. */
    private static <T> Uni<Void> each(List<T> items, Function<T, Uni<Void>> step) {
        return Multi.createFrom().iterable(items)
                .onItem().transformToUniAndConcatenate(item -> step.apply(item).onFailure().recoverWithUni(e -> {
                    LOG.warnf("a step of the healer's periodic work failed: %s", e.toString());
                    return Uni.createFrom().voidItem();
                }))
                .collect().last().replaceWithVoid();
    }

    private record Watched(FixProposal fix, RolloutRecord record) {
    }
}
