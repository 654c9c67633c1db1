package dev.selfheal.healer.rollout;

import dev.selfheal.healing.playbook.RuntimeAction;
import java.util.List;

/**
 * What a rollout did.
 *
 * @param succeeded whether every part of the fix is in place
 * @param detail    what was done, or why it could not be, in words
 * @param mode      {@code kubernetes}, {@code record-only} (nothing in a cluster touched), with {@code +git} when
 *                  a branch was pushed
 * @param namespace the Kubernetes namespace changed
 * @param applied   the runtime actions applied, in order
 * @param undo      the actions that restore the state before, in the order to apply them
 * @param gitBranch the branch pushed with the code, tests and note; null when none
 * @param gitCommit its commit
 * @param gitRemote the repository it was pushed to
 */
public record RolloutResult(boolean succeeded, String detail, String mode, String namespace,
        List<RuntimeAction> applied, List<RuntimeAction> undo, String gitBranch, String gitCommit, String gitRemote) {

    public RolloutResult {
        applied = applied == null ? List.of() : List.copyOf(applied);
        undo = undo == null ? List.of() : List.copyOf(undo);
    }
}
