package dev.selfheal.detection.flow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Learns flows from the completed sessions it is shown, as the product sees them: no labels, anomalous sessions
 * included. It keeps only the frequency of each distinct flow variant (the exact step sequence), which is all the
 * model needs and stays small because real traffic repeats a limited set of flows; {@link #learn(SupportPolicy)}
 * turns the frequencies into a {@link FlowModel} and can be called again as traffic accumulates.
 */
public final class FlowLearner {

    private final Map<List<String>, Long> variants = new HashMap<>();
    private long sessions;

    /** Records one completed session's steps, in order. */
    public synchronized void observe(List<String> steps) {
        variants.merge(List.copyOf(steps), 1L, Long::sum);
        sessions++;
    }

    public synchronized long sessions() {
        return sessions;
    }

    /** The model of the sessions observed so far, normal patterns being those with the policy's support. */
    public synchronized FlowModel learn(SupportPolicy policy) {
        return FlowModel.fromVariants(Map.copyOf(variants), policy);
    }
}
