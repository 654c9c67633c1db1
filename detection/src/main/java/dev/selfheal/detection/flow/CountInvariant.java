package dev.selfheal.detection.flow;

import java.util.Map;

/**
 * A linear relation between two steps' counts in a session, {@code countA * perB == countB * perA}: e.g. every
 * "Receiving block" has its "Received block", or a block is allocated once per three replicas received. Like
 * Invariants Mining, it captures the workflow's structure independently of how concurrent steps interleave, which
 * transitions cannot. It applies to sessions in which either step occurs.
 */
public record CountInvariant(String a, String b, int perA, int perB) {

    boolean appliesTo(Map<String, Integer> counts) {
        return counts.getOrDefault(a, 0) > 0 || counts.getOrDefault(b, 0) > 0;
    }

    boolean holds(Map<String, Integer> counts) {
        return (long) counts.getOrDefault(a, 0) * perB == (long) counts.getOrDefault(b, 0) * perA;
    }

    @Override
    public String toString() {
        return perB + "·count(" + a + ") = " + perA + "·count(" + b + ")";
    }
}
