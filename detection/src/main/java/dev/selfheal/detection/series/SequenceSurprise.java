package dev.selfheal.detection.series;

import java.util.HashMap;
import java.util.Map;

/**
 * How unexpected a quantised value is after the values just before it: an order-k Markov model over value bins,
 * counting which bin followed each context of k bins. The surprise is one minus the share of the context's past
 * successors that fell in the new bin or a neighbouring one (neighbours tolerate noise around a level), so a series
 * repeating its patterns scores near 0 and a new transition near 1. An unseen context is fully surprising only if the
 * value's bin has rarely been seen at all (backing off to the bin's overall frequency), which keeps a slow drift into
 * a new level from looking like a string of anomalies.
 *
 * <p>This is the role HTM's prediction error plays in Numenta's detector, with counting instead of learning synapses:
 * O(1) per point and memory bounded by the number of distinct contexts seen.
 */
final class SequenceSurprise {

    private final int order;
    private final Map<Long, Map<Long, int[]>> successors = new HashMap<>();
    private final Map<Long, int[]> binCounts = new HashMap<>();
    private final long[] context;
    private int filled;
    private int total;

    SequenceSurprise(int order) {
        this.order = order;
        this.context = new long[order];
    }

    /** The surprise of {@code bin} given the previous bins, in [0, 1]; then learns the transition. */
    double update(long bin) {
        double surprise = surprise(bin);
        learn(bin);
        return surprise;
    }

    private double surprise(long bin) {
        if (filled < order) {
            return 0;
        }
        Map<Long, int[]> next = successors.get(contextKey());
        if (next == null) {
            return 1 - share(binCounts, bin, total);
        }
        int contextTotal = 0;
        for (int[] c : next.values()) {
            contextTotal += c[0];
        }
        return 1 - share(next, bin, contextTotal);
    }

    private static double share(Map<Long, int[]> counts, long bin, int total) {
        if (total == 0) {
            return 0;
        }
        int near = 0;
        for (long b = bin - 1; b <= bin + 1; b++) {
            int[] c = counts.get(b);
            if (c != null) {
                near += c[0];
            }
        }
        return Math.min(1, (double) near / total);
    }

    private void learn(long bin) {
        if (filled == order) {
            successors.computeIfAbsent(contextKey(), k -> new HashMap<>()).computeIfAbsent(bin, k -> new int[1])[0]++;
        }
        binCounts.computeIfAbsent(bin, k -> new int[1])[0]++;
        total++;
        if (order > 0) {
            System.arraycopy(context, 1, context, 0, order - 1);
            context[order - 1] = bin;
        }
        filled = Math.min(order, filled + 1);
    }

    private long contextKey() {
        long key = 1469598103934665603L;
        for (long b : context) {
            key = (key ^ b) * 1099511628211L;
        }
        return key;
    }
}
