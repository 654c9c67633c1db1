package dev.selfheal.detection.flow;

import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/**
 * The judgement of a completed session.
 *
 * @param anomalous  whether any violation of an anomalous kind was found
 * @param score      the number of anomalous violations, plus a tenth for an unseen variant: ranks sessions for triage
 * @param violations every reason found, in the order they became observable
 */
public record FlowVerdict(boolean anomalous, double score, List<Violation> violations) {

    public FlowVerdict {
        violations = List.copyOf(violations);
    }

    static FlowVerdict of(List<Violation> violations) {
        List<Violation> ordered = violations.stream()
                .sorted(Comparator.comparingInt(Violation::atStep)).toList();
        double score = ordered.stream().mapToDouble(v -> v.kind().anomalous() ? 1.0 : 0.1).sum();
        return new FlowVerdict(ordered.stream().anyMatch(v -> v.kind().anomalous()), score, ordered);
    }

    /** Steps into the session at which the first anomalous violation was observable (the detection delay). */
    public OptionalInt firstViolationAt() {
        return violations.stream().filter(v -> v.kind().anomalous()).mapToInt(Violation::atStep).min();
    }
}
