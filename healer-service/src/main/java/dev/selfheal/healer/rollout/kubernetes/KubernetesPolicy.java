package dev.selfheal.healer.rollout.kubernetes;

import dev.selfheal.healing.playbook.RuntimeAction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * What a fix may change in the cluster, checked before a person is asked to approve it: the namespace, how many
 * actions, the replica range and how many replicas one fix may add, and that every action's kind and parameters
 * make sense. Pure logic over the configured limits; it reads nothing from the cluster.
 */
@ApplicationScoped
public class KubernetesPolicy {

    private final KubernetesConfig config;

    public KubernetesPolicy(KubernetesConfig config) {
        this.config = config;
    }

    /** The namespaces fixes may change: the configured list, or healer-service's own namespace alone. */
    public List<String> allowedNamespaces() {
        return config.allowedNamespaces().filter(l -> !l.isEmpty()).orElse(List.of(config.namespace()));
    }

    /**
     * Every rule the actions break, each as a sentence for the approver; empty when the fix may go ahead.
     *
     * @param actions   the fix's runtime actions
     * @param namespace where they would run
     * @param current   the state of the Deployment the actions change, as {@link KubernetesActions#read} reports
     *                  it; null when unknown, in which case a scale-up cannot be checked against the added-replica
     *                  limit and is refused
     */
    public List<String> violations(List<RuntimeAction> actions, String namespace, DeploymentState current) {
        List<String> violations = new ArrayList<>();
        if (!allowedNamespaces().contains(namespace)) {
            violations.add("namespace " + namespace + " is not one fixes may change " + allowedNamespaces());
        }
        if (actions.size() > config.maxActionsPerFix()) {
            violations.add(actions.size() + " actions in one fix, at most " + config.maxActionsPerFix()
                    + " allowed");
        }
        for (RuntimeAction action : actions) {
            violations.addAll(ActionParameters.problems(action));
            switch (action.type()) {
                case SCALE -> scale(action, current, violations);
                case ROLLBACK -> rollback(action, current, violations);
                default -> {
                }
            }
        }
        return violations;
    }

    /**
     * The blast radius: a fix changes only its own service. A Deployment action must name the service's
     * Deployment; a ConfigMap change restarts whatever reads it, which the dry run shows.
     */
    public List<String> blastRadius(List<RuntimeAction> actions, String service) {
        return actions.stream().filter(a -> "Deployment".equals(a.kind()) && !a.name().equals(service))
                .map(a -> a.type() + " Deployment " + a.name() + ": outside the blast radius of a fix for " + service
                        + " (a fix changes only its own service)")
                .toList();
    }

    private void scale(RuntimeAction action, DeploymentState current, List<String> violations) {
        Integer replicas = ActionParameters.replicas(action);
        if (replicas == null) {
            return;
        }
        String what = "SCALE Deployment " + action.name();
        if (replicas < config.minReplicas()) {
            violations.add(what + ": " + replicas + " replicas, at least " + config.minReplicas() + " required");
        }
        if (replicas > config.maxReplicas()) {
            violations.add(what + ": " + replicas + " replicas, at most " + config.maxReplicas() + " allowed");
        }
        if (current == null || !current.name().equals(action.name())) {
            violations.add(what + ": its current replica count is unknown, so the "
                    + config.maxAddedReplicas() + " added-replica limit cannot be checked");
        } else if (replicas - current.replicas() > config.maxAddedReplicas()) {
            violations.add(what + ": adds " + (replicas - current.replicas()) + " replicas to "
                    + current.replicas() + ", at most " + config.maxAddedReplicas() + " allowed per fix");
        }
    }

    private static void rollback(RuntimeAction action, DeploymentState current, List<String> violations) {
        String toVersion = action.parameters().get(ActionParameters.TO_VERSION);
        if (toVersion != null && current != null && current.name().equals(action.name())
                && toVersion.equals(current.version())) {
            violations.add("ROLLBACK Deployment " + action.name() + ": already runs version " + toVersion);
        }
    }
}
