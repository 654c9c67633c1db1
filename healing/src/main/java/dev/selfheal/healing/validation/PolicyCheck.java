package dev.selfheal.healing.validation;

import dev.selfheal.healing.playbook.FixPlan;
import dev.selfheal.healing.playbook.RuntimeAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a plan's runtime actions against the operator's {@link Policy}: the namespace, how many actions, how far
 * they reach (the blast radius: every action on the diagnosed service's own objects), and replica bounds.
 */
public final class PolicyCheck {

    static final String CHECK = "policy";

    private PolicyCheck() {
    }

    /**
     * One result per rule.
     *
     * @param plan            the plan
     * @param policy          the operator's policy
     * @param namespace       the namespace the service runs in
     * @param deployment      the service's deployment; actions on any other object are outside the blast radius
     * @param currentReplicas the deployment's replicas now, or null when not known
     */
    public static List<ValidationResult> check(FixPlan plan, Policy policy, String namespace, String deployment,
            Integer currentReplicas) {
        List<ValidationResult> results = new ArrayList<>();
        if (plan.actions().isEmpty()) {
            return List.of(ValidationResult.passed(CHECK, "no runtime action"));
        }
        results.add(policy.allowedNamespaces().contains(namespace)
                ? ValidationResult.passed(CHECK + " namespace", namespace + " is allowed")
                : ValidationResult.failed(CHECK + " namespace", "namespace " + namespace + " is not among the allowed "
                        + new TreeSet<>(policy.allowedNamespaces())));
        results.add(plan.actions().size() <= policy.maxActionsPerFix()
                ? ValidationResult.passed(CHECK + " actions", plan.actions().size() + " action(s), at most "
                        + policy.maxActionsPerFix())
                : ValidationResult.failed(CHECK + " actions", plan.actions().size() + " actions exceed the limit of "
                        + policy.maxActionsPerFix() + " per fix"));
        Set<String> outside = new TreeSet<>();
        for (RuntimeAction action : plan.actions()) {
            // A ConfigMap is the deployment's own when it carries its name (Quarkus' generated one does).
            boolean own = action.name().equals(deployment)
                    || action.kind().equals("ConfigMap") && action.name().startsWith(deployment);
            if (!own) {
                outside.add(action.kind() + "/" + action.name());
            }
        }
        results.add(outside.isEmpty()
                ? ValidationResult.passed(CHECK + " blast radius", "every action is on " + deployment)
                : ValidationResult.failed(CHECK + " blast radius", "actions reach beyond " + deployment + ": "
                        + String.join(", ", outside)));
        for (RuntimeAction action : plan.actions()) {
            if (action.type() == RuntimeAction.Type.SCALE) {
                results.add(replicas(action, policy, currentReplicas));
            }
        }
        return results;
    }

    private static ValidationResult replicas(RuntimeAction action, Policy policy, Integer current) {
        String check = CHECK + " replicas";
        int replicas;
        try {
            replicas = Integer.parseInt(action.parameters().getOrDefault("replicas", ""));
        } catch (NumberFormatException e) {
            return ValidationResult.failed(check, "SCALE of " + action.name() + " sets no replica count");
        }
        if (replicas < 1 || replicas > policy.maxReplicas()) {
            return ValidationResult.failed(check, replicas + " replicas is outside 1.." + policy.maxReplicas());
        }
        if (current == null) {
            return ValidationResult.failed(check, "the current replica count is unknown, so the "
                    + policy.maxAddedReplicas() + "-replica step limit cannot be checked");
        }
        if (replicas - current > policy.maxAddedReplicas()) {
            return ValidationResult.failed(check, "adds " + (replicas - current) + " replicas to " + current
                    + ", more than " + policy.maxAddedReplicas());
        }
        return ValidationResult.passed(check, current + " -> " + replicas + " replicas");
    }
}
