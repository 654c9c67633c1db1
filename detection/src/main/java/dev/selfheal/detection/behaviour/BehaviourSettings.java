package dev.selfheal.detection.behaviour;

import dev.selfheal.detection.flow.SupportPolicy;
import java.time.Duration;

/**
 * The one configuration of {@link BehaviourDetector}, for every service and entry.
 *
 * <p>The defaults are sized for an injected fault that changes every trace of an entry (a skipped, swapped or new
 * step) to be raised within 30 s of event time at a few traces per second, while benign variants (a cache hit
 * skipping a step in 30% of traces, an optional step in 2%) never are: the 30% variant is learnt as normal during
 * cold start, and a 2% one stays far below {@link #minShare} even when it was not learnt yet (with 10 traces in the
 * window, 5 occurrences of a 2% event have a probability of about 2e-7). A fault at 3 traces/s is raised after about
 * 6 s of faulty traces (18 of 180 in a 60 s window), plus the engine's 5 s of trace quiet time.
 *
 * @param minTraces         traces of an entry learnt before any of its traces is judged (cold start): 200, enough
 *                          that a 2% step is seen the 3 times {@link #support} requires with a probability of 0.92
 *                          and a 30% variant surely
 * @param relearnEvery      the entry's model is learnt again after this many more traces (50): the flow model is
 *                          cheap to learn from a few hundred variants, and a model lagging 50 traces behind changes
 *                          nothing that matters
 * @param support           when a step, transition or variant counts as normal, and the confidence of required
 *                          steps and precedences: seen in 0.5% of the learnt traces (at least 3), a rule holding in
 *                          95%; stricter than the HDFS evaluation's 0.1% because streaming learning never stops and a
 *                          fault's traces must not become normal by volume (they are quarantined, see the detector)
 * @param window            the recent traces a violation's recurrence is measured over (60 s of trace end times)
 * @param windowCap         at most this many recent traces per entry in the window (300), so a busy entry keeps
 *                          its last few seconds
 * @param minOccurrences    a violation is raised only once this many traces of the window show it (5): a single odd
 *                          trace never raises
 * @param minShare          ... and they are at least this share of the window's traces (0.10): an entry's rare but
 *                          legitimate paths stay below it, a fault in every trace reaches it within seconds
 * @param rareVariantShare  a trace matching none of its entry's documented flows is {@code undocumented-flow} only
 *                          when its exact flow is below this share of the learnt traces (0.01): common undocumented
 *                          flows are the documentation detector's {@code flow-mismatch}, not a behaviour change
 * @param maxLearntTraces   learnt counts of an entry are halved when their total passes this (20,000): older traffic
 *                          weighs less, and counts stay bounded
 * @param maxVariants       distinct variants kept per entry, learnt and quarantined each (256); the rarest learnt
 *                          and the least recently seen quarantined ones go first
 * @param maxEntries        entries kept (1,000), the least recently seen forgotten first
 * @param minRaiseInterval  the same finding is raised at most once per this much event time (1 s)
 * @param maxExamples       example trace ids per finding (5)
 */
public record BehaviourSettings(int minTraces, int relearnEvery, SupportPolicy support, Duration window, int windowCap,
        int minOccurrences, double minShare, double rareVariantShare, long maxLearntTraces, int maxVariants,
        int maxEntries, Duration minRaiseInterval, int maxExamples) {

    public static final BehaviourSettings DEFAULTS = new BehaviourSettings(200, 50, new SupportPolicy(0.005, 3, 0.95),
            Duration.ofSeconds(60), 300, 5, 0.10, 0.01, 20_000, 256, 1_000, Duration.ofSeconds(1), 5);

    public BehaviourSettings {
        if (minTraces < 1 || relearnEvery < 1 || windowCap < 1 || minOccurrences < 1 || maxVariants < 1
                || maxEntries < 1 || maxExamples < 1 || minShare < 0 || minShare > 1 || maxLearntTraces < minTraces) {
            throw new IllegalArgumentException("invalid behaviour settings");
        }
    }
}
