package dev.selfheal.detector.latency;

/**
 * The outcome of testing a handler's observed window against its baseline.
 *
 * @param state    the conclusion
 * @param baseline the baseline's percentiles
 * @param observed the observed window's percentiles
 * @param pValue   one-sided Mann-Whitney U p-value for "observed is slower"; {@code NaN} while learning
 * @param p50Ratio observed p50 over baseline p50; {@code NaN} without a baseline
 * @param p95Ratio observed p95 over baseline p95; {@code NaN} without a baseline
 */
public record LatencyVerdict(
        LatencyState state,
        LatencyStats baseline,
        LatencyStats observed,
        double pValue,
        double p50Ratio,
        double p95Ratio) {

    public boolean shifted() {
        return state == LatencyState.SHIFTED;
    }
}
