package dev.selfheal.detection.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mines the rules of a {@link FlowModel} that relate two steps: count invariants and precedences. They are what catches
 * flows whose every transition is normal but whose structure is not (a receive without its acknowledgement, an
 * allocation after the write), which is common when concurrent steps interleave freely.
 */
final class RuleMiner {

    /** Ratios tried for count invariants: per-A and per-B counts up to 3 (e.g. one allocation per three replicas). */
    private static final int MAX_RATIO = 3;

    private RuleMiner() {
    }

    /**
     * Count invariants between normal steps: for each pair, the small-integer ratio that holds in most of the sessions
     * where either step occurs, kept if those sessions reach the support and it holds in a {@code confidence} share.
     */
    static List<CountInvariant> invariants(Set<String> steps, Map<Map<String, Integer>, Long> vectors,
            long need, double confidence) {
        List<String> ordered = List.copyOf(steps);
        List<CountInvariant> found = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            for (int j = i + 1; j < ordered.size(); j++) {
                CountInvariant best = null;
                long bestHolds = -1;
                long relevant = 0;
                for (int perA = 1; perA <= MAX_RATIO; perA++) {
                    for (int perB = 1; perB <= MAX_RATIO; perB++) {
                        if (gcd(perA, perB) != 1) {
                            continue;
                        }
                        CountInvariant candidate = new CountInvariant(ordered.get(i), ordered.get(j), perA, perB);
                        long holds = 0;
                        relevant = 0;
                        for (Map.Entry<Map<String, Integer>, Long> e : vectors.entrySet()) {
                            if (candidate.appliesTo(e.getKey())) {
                                relevant += e.getValue();
                                holds += candidate.holds(e.getKey()) ? e.getValue() : 0;
                            }
                        }
                        if (holds > bestHolds) {
                            best = candidate;
                            bestHolds = holds;
                        }
                    }
                }
                if (relevant >= need && bestHolds >= confidence * relevant) {
                    found.add(best);
                }
            }
        }
        return found;
    }

    /**
     * A precedence is learnt when the two steps co-occur in enough sessions and the reverse order is itself a rare
     * pattern (seen in fewer than {@code need} sessions). A confidence would not do: concurrent steps (a replica's
     * "terminating" before another's "received") are in either order often enough that a 95% tendency still flags a
     * few percent of normal sessions; strict orders (allocate before receive) are the ones worth a verdict.
     */
    static List<Precedence> precedences(Set<String> steps, Map<List<String>, Long> firstOrders, long need) {
        List<Precedence> found = new ArrayList<>();
        for (String a : steps) {
            for (String b : steps) {
                if (a.equals(b)) {
                    continue;
                }
                long both = 0;
                long aFirst = 0;
                for (Map.Entry<List<String>, Long> e : firstOrders.entrySet()) {
                    int ia = e.getKey().indexOf(a);
                    int ib = e.getKey().indexOf(b);
                    if (ia >= 0 && ib >= 0) {
                        both += e.getValue();
                        aFirst += ia < ib ? e.getValue() : 0;
                    }
                }
                if (both >= need && both - aFirst < need) {
                    found.add(new Precedence(a, b));
                }
            }
        }
        return found;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
