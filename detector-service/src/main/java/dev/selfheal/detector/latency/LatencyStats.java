package dev.selfheal.detector.latency;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * The percentiles of one window of durations. Empty windows have {@code NaN} percentiles.
 *
 * @param samples how many durations
 * @param p50Ms   the median
 * @param p95Ms   the 95th percentile
 */
public record LatencyStats(int samples, double p50Ms, double p95Ms) {

    public static LatencyStats of(double[] durations) {
        if (durations.length == 0) {
            return new LatencyStats(0, Double.NaN, Double.NaN);
        }
        // R-7 interpolates between order statistics, as spreadsheets and NumPy do, so the figures a person
        // recomputes from the evidence match.
        Percentile percentile = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        percentile.setData(durations);
        return new LatencyStats(durations.length, percentile.evaluate(50), percentile.evaluate(95));
    }
}
