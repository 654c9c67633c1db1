package dev.selfheal.healing.diagnosis;

import dev.selfheal.contracts.v1.SpanRecorded;
import java.util.List;

/**
 * The traces a diagnosis reads: some that show the problem and some from before it, each a trace's spans in any
 * order. Either list may be empty (telemetry kept nothing, or could not be reached): the diagnosis then rests on
 * the anomaly's evidence alone and says so.
 *
 * @param observed traces that show the problem (the anomaly's example traces, then recent traces of its handler)
 * @param baseline traces of the same handler from before the anomaly's onset
 */
public record TraceSample(List<List<SpanRecorded>> observed, List<List<SpanRecorded>> baseline) {

    public static final TraceSample NONE = new TraceSample(List.of(), List.of());

    public TraceSample {
        observed = observed == null ? List.of() : observed.stream().map(List::copyOf).toList();
        baseline = baseline == null ? List.of() : baseline.stream().map(List::copyOf).toList();
    }

    public int size() {
        return observed.size() + baseline.size();
    }
}
