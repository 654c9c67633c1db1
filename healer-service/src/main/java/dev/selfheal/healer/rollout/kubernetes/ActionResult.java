package dev.selfheal.healer.rollout.kubernetes;

import dev.selfheal.healing.playbook.RuntimeAction;
import java.util.Optional;

/**
 * What {@link KubernetesActions#apply} changed, or would have changed in a dry run.
 *
 * @param action    the action applied
 * @param namespace where
 * @param dryRun    whether the API server only validated the change ({@code dryRun=All}) and kept nothing
 * @param detail    what changed, in words a person reads in the audit trail, e.g.
 *                  {@code Deployment shop/checkout: replicas 2 -> 4}
 * @param undo      the action that restores the state before this one, empty where there is none (a restart)
 */
public record ActionResult(RuntimeAction action, String namespace, boolean dryRun, String detail,
        Optional<RuntimeAction> undo) {
}
