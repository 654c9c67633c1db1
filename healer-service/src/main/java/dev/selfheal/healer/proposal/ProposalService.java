package dev.selfheal.healer.proposal;

import dev.selfheal.contracts.v1.AnomalyDetected;
import dev.selfheal.healer.fix.FixesConfig;
import dev.selfheal.healer.ledger.LedgerService;
import dev.selfheal.healer.rollout.RolloutService;
import dev.selfheal.healer.rollout.git.GitPublisher;
import dev.selfheal.healer.telemetry.TraceFetcher;
import dev.selfheal.healing.diagnosis.Diagnoser;
import dev.selfheal.healing.diagnosis.Diagnosis;
import dev.selfheal.healing.diagnosis.RootCause;
import dev.selfheal.healing.diagnosis.TraceSample;
import dev.selfheal.healing.ledger.SuccessRate;
import dev.selfheal.healing.playbook.FixPlan;
import dev.selfheal.healing.playbook.Risk;
import dev.selfheal.healing.validation.CompileCheck;
import dev.selfheal.healing.validation.PatchCheck;
import dev.selfheal.healing.validation.ValidationResult;
import dev.selfheal.platform.concurrent.OffTheEventLoop;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Turns an anomaly into a proposal a person can decide on: reads its traces, diagnoses it, asks every playbook
 * that applies for a plan (with the service's source when a repository is configured), ranks the plans by the
 * confidence of the cause they answer and the playbook's record in the ledger, validates them best first (the
 * patch applies, the Java compiles where the classpath is known, Kubernetes accepts the change in a server-side
 * dry run, policy holds) and keeps the first that passes, or the best one with its failures shown.
 */
@ApplicationScoped
public class ProposalService {

    private static final Logger LOG = Logger.getLogger(ProposalService.class);

    private final TraceFetcher traces;
    private final PlaybookCatalog playbooks;
    private final GitPublisher git;
    private final RolloutService rollout;
    private final LedgerService ledger;
    private final FixesConfig config;
    private final Diagnoser diagnoser = new Diagnoser();

    public ProposalService(TraceFetcher traces, PlaybookCatalog playbooks, GitPublisher git, RolloutService rollout,
            LedgerService ledger, FixesConfig config) {
        this.traces = traces;
        this.playbooks = playbooks;
        this.git = git;
        this.rollout = rollout;
        this.ledger = ledger;
        this.config = config;
    }

    public Uni<FixDraft> draft(AnomalyDetected anomaly) {
        return traces.sample(anomaly)
                .chain(sample -> OffTheEventLoop.run(() -> prepare(anomaly, sample)))
                .chain(prepared -> Panache.withSession(() -> ledger.rates())
                        .chain(rates -> choose(prepared, rates)));
    }

    /** The blocking part: diagnosis, the checkout, every applicable plan and its code checks. */
    private Prepared prepare(AnomalyDetected anomaly, TraceSample sample) {
        Diagnosis diagnosis = diagnoser.diagnose(anomaly, sample);
        Optional<Path> source = checkout(anomaly.service());
        String commit = source.map(GitPublisher::head).orElse(null);
        Integer replicas = rollout.currentReplicas(anomaly.service()).orElse(null);
        List<FixPlan> plans;
        try {
            plans = playbooks.plans(diagnosis, sample, source.orElse(null), replicas, rollout.maxAddedReplicas());
        } catch (RuntimeException e) {
            // Source the playbooks cannot read (a file JavaParser refuses, say) must not cost the proposal: the
            // plans are made again without it, and say that the code change could not be made.
            LOG.warnf(e, "the playbooks failed on the source of %s; proposing without it", anomaly.service());
            source = Optional.empty();
            commit = null;
            plans = playbooks.plans(diagnosis, sample, null, replicas, rollout.maxAddedReplicas());
        }
        List<Checked> checked = new ArrayList<>();
        for (FixPlan plan : plans) {
            List<ValidationResult> results = new ArrayList<>();
            if (source.isPresent()) {
                results.addAll(PatchCheck.check(source.get(), plan.artifacts()));
                results.addAll(CompileCheck.check(source.get(), plan.artifacts(), git.classpath(anomaly.service())));
            } else if (!plan.artifacts().isEmpty()) {
                results.addAll(CompileCheck.check(null, plan.artifacts(), List.of()));
            }
            results.addAll(rollout.validate(anomaly.service(), plan.actions()));
            checked.add(new Checked(plan, results));
        }
        return new Prepared(anomaly, diagnosis, checked, commit);
    }

    private Optional<Path> checkout(String service) {
        try {
            return git.checkout(service);
        } catch (RuntimeException e) {
            LOG.warnf("the source of %s could not be checked out, so no code change is proposed: %s", service,
                    e.getMessage());
            return Optional.empty();
        }
    }

    private Uni<FixDraft> choose(Prepared prepared, Map<String, SuccessRate> rates) {
        Diagnosis diagnosis = prepared.diagnosis();
        Comparator<Checked> byRank = Comparator.comparingDouble((Checked c) -> rank(c.plan(), diagnosis, rates))
                .reversed();
        List<Checked> ranked = prepared.checked().stream().sorted(byRank).toList();
        if (ranked.isEmpty()) {
            // Every anomaly reaches a person: with no playbook for its cause, the proposal is to investigate.
            ranked = List.of(new Checked(investigate(diagnosis), List.of()));
        }
        Checked chosen = ranked.stream().filter(c -> ValidationResult.noneFailed(c.results())).findFirst()
                .orElse(ranked.get(0));
        List<FixDraft.Alternative> alternatives = ranked.stream().filter(c -> c != chosen)
                .map(c -> new FixDraft.Alternative(c.plan().playbook(), c.plan().title(), c.plan().risk().name(),
                        rank(c.plan(), diagnosis, rates)))
                .toList();
        List<FixDraft.Check> checks = chosen.results().stream()
                .map(r -> new FixDraft.Check(r.check(), r.status().name(), r.detail())).toList();
        int approvals = chosen.plan().risk() == Risk.HIGH ? config.highRiskApprovals() : 1;
        return Panache.withSession(() -> ledger.unattendedAllowed(chosen.plan().playbook()))
                .map(unattended -> new FixDraft(prepared.anomaly(), diagnosis, chosen.plan(), checks, alternatives,
                        prepared.commit(), approvals, unattended));
    }

    /**
     * A plan's rank: how likely its cause is (the candidate it answers, or the top one) times how often its
     * playbook worked (the ledger's estimate; an untried playbook counts as an even chance).
     */
    static double rank(FixPlan plan, Diagnosis diagnosis, Map<String, SuccessRate> rates) {
        double confidence = diagnosis.top().map(RootCause::confidence).orElse(0.5);
        SuccessRate rate = rates.get(plan.playbook());
        return confidence * (rate == null ? 0.5 : rate.estimate());
    }

    /** The plan when no playbook applies: nothing changes, a person looks at the diagnosis. */
    static FixPlan investigate(Diagnosis diagnosis) {
        AnomalyDetected anomaly = diagnosis.anomaly();
        return new FixPlan(PlaybookCatalog.INVESTIGATE, "Investigate the " + anomaly.capability() + " problem in "
                + anomaly.service() + " " + anomaly.handler(), diagnosis, "No playbook answers this cause yet, so "
                + "nothing in the running system changes: approving it records that a person took it on, and the "
                + "problem is still watched for the verification window.", Risk.LOW, List.of(), List.of(),
                List.of("After rollout: the problem no longer shows in the detector's findings for the window."));
    }

    private record Checked(FixPlan plan, List<ValidationResult> results) {
    }

    private record Prepared(AnomalyDetected anomaly, Diagnosis diagnosis, List<Checked> checked, String commit) {
    }
}
