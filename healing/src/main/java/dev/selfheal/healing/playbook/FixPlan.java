package dev.selfheal.healing.playbook;

import dev.selfheal.healing.diagnosis.Diagnosis;
import java.util.List;

/**
 * A playbook's proposal, before validation and approval.
 *
 * @param playbook   the playbook's name, e.g. {@code dependency.circuit-breaker}
 * @param title      one line describing the change
 * @param diagnosis  the diagnosis it answers
 * @param change     what the fix changes and why it should help, a paragraph
 * @param risk       how much it could hurt if wrong
 * @param artifacts  code diff, tests and doc note, in that order; may be empty for a runtime-only fix
 * @param actions    runtime actions on Kubernetes, in order; may be empty for a code-only fix
 * @param validation what is checked before a person sees it and after rollout, one step per line
 */
public record FixPlan(String playbook, String title, Diagnosis diagnosis, String change, Risk risk,
        List<Artifact> artifacts, List<RuntimeAction> actions, List<String> validation) {

    public FixPlan {
        artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
        actions = actions == null ? List.of() : List.copyOf(actions);
        validation = validation == null ? List.of() : List.copyOf(validation);
    }
}
