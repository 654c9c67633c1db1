package dev.selfheal.healer.rollout;

import dev.selfheal.healer.fix.FixMapper;
import dev.selfheal.healer.fix.FixProposal;
import dev.selfheal.healer.rollout.git.GitPublisher;
import dev.selfheal.healer.rollout.git.PublishResult;
import dev.selfheal.healer.rollout.kubernetes.ActionResult;
import dev.selfheal.healer.rollout.kubernetes.DeploymentState;
import dev.selfheal.healer.rollout.kubernetes.KubernetesActions;
import dev.selfheal.healer.rollout.kubernetes.KubernetesConfig;
import dev.selfheal.healer.rollout.kubernetes.KubernetesPolicy;
import dev.selfheal.healing.playbook.Artifact;
import dev.selfheal.healing.playbook.RuntimeAction;
import dev.selfheal.healing.validation.ValidationResult;
import dev.selfheal.platform.concurrent.OffTheEventLoop;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Carries out an approved fix: its runtime actions on Kubernetes (or, in {@code record-only} mode, the exact change
 * written down), then a branch with its code, tests and note pushed to the service's repository for the team's CI.
 * A part that fails undoes the parts already done. Everything blocking (the Kubernetes API, Git) runs off the event
 * loop.
 */
@ApplicationScoped
public class RolloutService {

    private static final Logger LOG = Logger.getLogger(RolloutService.class);

    private final RolloutConfig config;
    private final Instance<KubernetesActions> kubernetes;
    private final KubernetesPolicy policy;
    private final KubernetesConfig kubernetesConfig;
    private final GitPublisher git;

    public RolloutService(RolloutConfig config, Instance<KubernetesActions> kubernetes, KubernetesPolicy policy,
            KubernetesConfig kubernetesConfig, GitPublisher git) {
        this.config = config;
        this.kubernetes = kubernetes;
        this.policy = policy;
        this.kubernetesConfig = kubernetesConfig;
        this.git = git;
    }

    /**
     * The checks on a plan's runtime actions before a person sees it: policy (allowed namespaces, replica bounds,
     * actions per fix) and, against a cluster, the API server's server-side dry run of each action. Blocking.
     */
    public List<ValidationResult> validate(String service, List<RuntimeAction> actions) {
        if (actions.isEmpty()) {
            return List.of();
        }
        List<ValidationResult> results = new ArrayList<>();
        String namespace = config.namespace();
        boolean cluster = config.mode() == RolloutConfig.Mode.KUBERNETES;
        DeploymentState state = null;
        if (cluster) {
            try {
                state = kubernetes.get().read(namespace, actions.get(0).name());
            } catch (RuntimeException e) {
                results.add(ValidationResult.failed("deployment exists",
                        "Deployment " + namespace + "/" + actions.get(0).name() + " could not be read: " + e.getMessage()));
                return results;
            }
        }
        List<String> violations = new ArrayList<>(policy.violations(actions, namespace, state));
        violations.addAll(policy.blastRadius(actions, service));
        if (!cluster) {
            // Without a cluster the current replica count is unknown; the other rules still hold.
            violations.removeIf(v -> v.contains("current replica count is unknown"));
        }
        results.add(violations.isEmpty()
                ? ValidationResult.passed("policy", "namespace " + namespace + " allowed; replica bounds and the "
                        + "number of actions within limits")
                : ValidationResult.failed("policy", String.join("; ", violations)));
        if (!cluster) {
            results.add(ValidationResult.skipped("server-side dry run",
                    "rollout mode is record-only: there is no cluster to ask"));
            return results;
        }
        for (RuntimeAction action : actions) {
            try {
                ActionResult dry = kubernetes.get().apply(action, namespace, true);
                results.add(ValidationResult.passed("server-side dry run: " + action.type(), dry.detail()));
            } catch (RuntimeException e) {
                results.add(ValidationResult.failed("server-side dry run: " + action.type(), e.getMessage()));
            }
        }
        return results;
    }

    /** The deployment's current replicas, when a cluster can be asked. Blocking. */
    public Optional<Integer> currentReplicas(String deployment) {
        if (config.mode() != RolloutConfig.Mode.KUBERNETES) {
            return Optional.empty();
        }
        try {
            return Optional.of(kubernetes.get().read(config.namespace(), deployment).replicas());
        } catch (RuntimeException e) {
            LOG.debugf("deployment %s could not be read: %s", deployment, e.getMessage());
            return Optional.empty();
        }
    }

    /** The most replicas one fix may add. */
    public int maxAddedReplicas() {
        return kubernetesConfig.maxAddedReplicas();
    }

    /** Rolls the fix out; the result says what was done and how to undo it. */
    public Uni<RolloutResult> rollOut(FixProposal fix, List<RuntimeAction> actions, List<Artifact> artifacts) {
        return OffTheEventLoop.run(() -> rollOutBlocking(fix, actions, artifacts));
    }

    private RolloutResult rollOutBlocking(FixProposal fix, List<RuntimeAction> actions, List<Artifact> artifacts) {
        String namespace = config.namespace();
        boolean cluster = config.mode() == RolloutConfig.Mode.KUBERNETES;
        List<RuntimeAction> applied = new ArrayList<>();
        List<RuntimeAction> undo = new ArrayList<>();
        List<String> done = new ArrayList<>();
        for (RuntimeAction action : actions) {
            if (!cluster) {
                applied.add(action);
                done.add("Recorded, not applied: " + action.description());
                continue;
            }
            try {
                ActionResult result = kubernetes.get().apply(action, namespace, false);
                applied.add(action);
                result.undo().ifPresent(u -> undo.add(0, u));
                done.add(result.detail());
            } catch (RuntimeException e) {
                String undone = undoQuietly(undo, namespace);
                return new RolloutResult(false, "The " + action.type() + " action failed: " + e.getMessage()
                        + (applied.isEmpty() ? "" : " " + undone), mode(cluster, false), namespace, applied, undo,
                        null, null, null);
            }
        }
        boolean code = artifacts.stream().anyMatch(a -> a.kind() != Artifact.Kind.DOC_NOTE);
        PublishResult pushed = null;
        if (code && git.configured(fix.service)) {
            try {
                pushed = git.publish(fix.service, branch(fix), fix.sourceCommit, artifacts, commitMessage(fix));
                done.add("Pushed branch " + pushed.branch() + " (" + pushed.commitId() + ") to " + pushed.remoteUrl()
                        + " with " + artifacts.size() + " files for the team's CI.");
            } catch (RuntimeException e) {
                String undone = undoQuietly(undo, namespace);
                return new RolloutResult(false, "The branch could not be pushed: " + e.getMessage()
                        + (applied.isEmpty() ? "" : " " + undone), mode(cluster, false), namespace, applied, undo,
                        null, null, null);
            }
        } else if (code) {
            done.add("No repository is configured for " + fix.service + " (selfheal.sources.\"" + fix.service
                    + "\".url), so the code change and tests stay in the proposal.");
        }
        if (done.isEmpty()) {
            done.add("Nothing to change in the running system.");
        }
        return new RolloutResult(true, String.join(" ", done), mode(cluster, pushed != null), namespace, applied, undo,
                pushed == null ? null : pushed.branch(), pushed == null ? null : pushed.commitId(),
                pushed == null ? null : pushed.remoteUrl());
    }

    /** Undoes a rolled-out fix: the recorded undo actions, and the pushed branch is deleted. */
    public Uni<String> undo(FixProposal fix, RolloutRecord record) {
        return OffTheEventLoop.run(() -> {
            List<String> done = new ArrayList<>();
            List<RuntimeAction> undo = FixMapper.runtimeActions(record.undo);
            boolean cluster = config.mode() == RolloutConfig.Mode.KUBERNETES && !undo.isEmpty();
            for (RuntimeAction action : undo) {
                if (cluster) {
                    done.add(kubernetes.get().apply(action, record.namespace, false).detail());
                }
            }
            if (!cluster) {
                done.add(config.mode() == RolloutConfig.Mode.KUBERNETES ? "nothing in the cluster to restore."
                        : "recorded, not applied: the recorded change is reversed.");
            }
            if (record.gitBranch != null) {
                git.deleteBranch(fix.service, record.gitBranch);
                done.add("Deleted branch " + record.gitBranch + ".");
            }
            return String.join(" ", done);
        });
    }

    private String undoQuietly(List<RuntimeAction> undo, String namespace) {
        List<String> done = new ArrayList<>();
        for (RuntimeAction action : undo) {
            try {
                done.add(kubernetes.get().apply(action, namespace, false).detail());
            } catch (RuntimeException e) {
                LOG.errorf("undoing a partial rollout failed; %s needs a person: %s", action.description(),
                        e.getMessage());
                done.add("could not undo " + action.type() + ": " + e.getMessage());
            }
        }
        return done.isEmpty() ? "" : "Undone: " + String.join("; ", done) + ".";
    }

    static String branch(FixProposal fix) {
        return "selfheal/fix-" + fix.id.substring(0, Math.min(8, fix.id.length()));
    }

    private static String commitMessage(FixProposal fix) {
        return fix.title + "\n\n" + (fix.change == null ? "" : fix.change + "\n\n") + "Selfheal fix " + fix.id
                + " for anomaly " + fix.anomalyId + " (playbook " + fix.playbook + ").";
    }

    private static String mode(boolean cluster, boolean pushed) {
        return (cluster ? "kubernetes" : "record-only") + (pushed ? "+git" : "");
    }
}
