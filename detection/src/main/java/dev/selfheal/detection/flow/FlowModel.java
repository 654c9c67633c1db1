package dev.selfheal.detection.flow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What normal flows look like, learnt from unlabelled sessions: the normal steps and transitions (those seen in enough
 * sessions), the steps nearly every session has, count invariants and precedences between steps that hold in nearly
 * all sessions, and the normal variants with their frequencies. Immutable; {@link #judge(List)} checks a completed
 * session against it. Everything is derived in a fixed (sorted) order, so the same traffic gives the same model.
 */
public final class FlowModel {

    private final long sessions;
    private final Set<String> steps;
    private final Set<Transition> transitions;
    private final Set<String> requiredSteps;
    private final List<CountInvariant> invariants;
    private final List<Precedence> precedences;
    private final Map<List<String>, Long> variants;

    private FlowModel(long sessions, Set<String> steps, Set<Transition> transitions, Set<String> requiredSteps,
            List<CountInvariant> invariants, List<Precedence> precedences, Map<List<String>, Long> variants) {
        this.sessions = sessions;
        this.steps = Collections.unmodifiableSortedSet(new TreeSet<>(steps));
        this.transitions = Collections.unmodifiableSortedSet(new TreeSet<>(transitions));
        this.requiredSteps = Collections.unmodifiableSortedSet(new TreeSet<>(requiredSteps));
        this.invariants = List.copyOf(invariants);
        this.precedences = List.copyOf(precedences);
        this.variants = Map.copyOf(variants);
    }

    /**
     * The model of variant frequencies counted elsewhere: a streaming detector keeps its own bounded, decayed counts
     * (and snapshots them), which {@link FlowLearner}'s ever-growing map cannot do.
     *
     * @param variants each distinct step sequence and how many sessions followed it
     */
    public static FlowModel of(Map<List<String>, Long> variants, SupportPolicy policy) {
        return fromVariants(Map.copyOf(variants), policy);
    }

    static FlowModel fromVariants(Map<List<String>, Long> observed, SupportPolicy policy) {
        long total = observed.values().stream().mapToLong(Long::longValue).sum();
        long need = policy.minSessions(total);
        Map<String, Long> stepSupport = new TreeMap<>();
        Map<Transition, Long> transitionSupport = new HashMap<>();
        Map<Map<String, Integer>, Long> countVectors = new HashMap<>();
        Map<List<String>, Long> firstOrders = new HashMap<>();
        observed.forEach((sequence, n) -> {
            Map<String, Integer> counts = counts(sequence);
            counts.keySet().forEach(s -> stepSupport.merge(s, n, Long::sum));
            transitionsOf(sequence).forEach(t -> transitionSupport.merge(t, n, Long::sum));
            countVectors.merge(counts, n, Long::sum);
            firstOrders.merge(List.copyOf(firstPositions(sequence).keySet()), n, Long::sum);
        });
        Set<String> steps = new TreeSet<>();
        Set<String> required = new TreeSet<>();
        stepSupport.forEach((s, n) -> {
            if (n >= need) {
                steps.add(s);
            }
            if (n >= policy.confidence() * total) {
                required.add(s);
            }
        });
        Set<Transition> transitions = new HashSet<>();
        transitionSupport.forEach((t, n) -> {
            if (n >= need) {
                transitions.add(t);
            }
        });
        Map<List<String>, Long> variants = new HashMap<>();
        observed.forEach((sequence, n) -> {
            if (n >= need) {
                variants.put(sequence, n);
            }
        });
        return new FlowModel(total, steps, transitions, required,
                RuleMiner.invariants(steps, countVectors, need, policy.confidence()),
                RuleMiner.precedences(steps, firstOrders, need), variants);
    }

    /** Judges a completed session; every violation records the step at which it became observable. */
    public FlowVerdict judge(List<String> sequence) {
        List<Violation> found = new ArrayList<>();
        Set<String> reportedSteps = new HashSet<>();
        Set<Transition> reportedTransitions = new HashSet<>();
        Set<String> seen = new HashSet<>();
        Map<String, List<String>> awaitedBefore = new HashMap<>();
        String previous = Transition.START;
        int length = sequence.size();
        for (int i = 0; i <= length; i++) {
            String step = i < length ? sequence.get(i) : Transition.END;
            int at = Math.max(1, Math.min(i + 1, length));
            boolean known = step.equals(Transition.END) || steps.contains(step);
            if (!known && reportedSteps.add(step)) {
                found.add(new Violation(ViolationKind.UNSEEN_STEP, step, at));
            }
            boolean previousKnown = previous.equals(Transition.START) || steps.contains(previous);
            Transition t = new Transition(previous, step);
            if (known && previousKnown && !transitions.contains(t) && reportedTransitions.add(t)) {
                found.add(new Violation(ViolationKind.UNSEEN_TRANSITION, t.toString(), at));
            }
            if (i < length && seen.add(step)) {
                for (String later : awaitedBefore.getOrDefault(step, List.of())) {
                    found.add(new Violation(ViolationKind.REORDERED, new Precedence(step, later) + " expected", at));
                }
                for (Precedence p : precedences) {
                    if (p.after().equals(step) && !seen.contains(p.before())) {
                        awaitedBefore.computeIfAbsent(p.before(), k -> new ArrayList<>()).add(step);
                    }
                }
            }
            previous = step;
        }
        int end = Math.max(1, length);
        for (String required : requiredSteps) {
            if (!seen.contains(required)) {
                found.add(new Violation(ViolationKind.MISSING_STEP, required, end));
            }
        }
        Map<String, Integer> counts = counts(sequence);
        for (CountInvariant invariant : invariants) {
            if (invariant.appliesTo(counts) && !invariant.holds(counts)) {
                found.add(new Violation(ViolationKind.COUNT_INVARIANT, invariant.toString(), end));
            }
        }
        if (!variants.containsKey(sequence)) {
            found.add(new Violation(ViolationKind.UNSEEN_VARIANT, String.join(" ", sequence), end));
        }
        return FlowVerdict.of(found);
    }

    public long sessions() {
        return sessions;
    }

    public Set<String> steps() {
        return steps;
    }

    public Set<Transition> transitions() {
        return transitions;
    }

    public Set<String> requiredSteps() {
        return requiredSteps;
    }

    public List<CountInvariant> invariants() {
        return invariants;
    }

    public List<Precedence> precedences() {
        return precedences;
    }

    /** Normal variants (exact sequences seen in enough sessions) and how many sessions followed each. */
    public Map<List<String>, Long> variants() {
        return variants;
    }

    private static Map<String, Integer> counts(List<String> sequence) {
        Map<String, Integer> counts = new HashMap<>();
        sequence.forEach(s -> counts.merge(s, 1, Integer::sum));
        return counts;
    }

    private static Map<String, Integer> firstPositions(List<String> sequence) {
        Map<String, Integer> first = new LinkedHashMap<>();
        for (int i = 0; i < sequence.size(); i++) {
            first.putIfAbsent(sequence.get(i), i);
        }
        return first;
    }

    private static Set<Transition> transitionsOf(List<String> sequence) {
        Set<Transition> found = new HashSet<>();
        String previous = Transition.START;
        for (String step : sequence) {
            found.add(new Transition(previous, step));
            previous = step;
        }
        found.add(new Transition(previous, Transition.END));
        return found;
    }
}
