package dev.selfheal.healer.rollout;

import io.smallrye.mutiny.Uni;

/**
 * Where approved fixes go to change a running system. Implementations run inside the transaction that moves the
 * fix to its next state, so what they record commits or rolls back with it.
 */
public interface RolloutTarget {

    /**
     * Carries out the approved fix's action. A failed Uni means the outcome is not known (the fix stays approved);
     * an outcome that did not succeed means the target refused or could not apply it.
     */
    Uni<RolloutOutcome> rollOut(RolloutRequest request);
}
