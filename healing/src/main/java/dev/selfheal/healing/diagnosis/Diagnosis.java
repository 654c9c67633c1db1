package dev.selfheal.healing.diagnosis;

import dev.selfheal.contracts.v1.AnomalyDetected;
import java.util.List;
import java.util.Optional;

/**
 * What the healer concluded about one anomaly: the candidate causes, most likely first.
 *
 * @param anomaly    the anomaly diagnosed
 * @param candidates root-cause candidates ranked by confidence, most likely first; empty when nothing could be
 *                   concluded
 * @param summary    a paragraph for the proposal: what was seen, the most likely cause and how sure it is
 * @param traces     how many traces the diagnosis read (observed and baseline together)
 */
public record Diagnosis(AnomalyDetected anomaly, List<RootCause> candidates, String summary, int traces) {

    public Diagnosis {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }

    /** The most likely cause, if any. */
    public Optional<RootCause> top() {
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(0));
    }
}
