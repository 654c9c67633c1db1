package dev.selfheal.detector.latency;

import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Decides whether a handler's observed latencies are slower than its baseline. Two conditions must both hold,
 * so that neither noise nor harmless drift raises an anomaly:
 * <ul>
 *   <li>significance: the one-sided Mann-Whitney U test (rank based, so robust to outliers and to the skewed
 *       shape of latency distributions) rejects "observed is not slower" at level {@code alpha};</li>
 *   <li>effect size: observed p50 and p95 are each at least {@code minRatio} times the baseline's and at
 *       least {@code minIncreaseMs} above it, so a sub-millisecond handler that doubles never alerts.</li>
 * </ul>
 */
public final class LatencyShiftTest {

    /** Guards the ratios against a baseline of zero durations; far below any clock's resolution. */
    static final double RATIO_FLOOR_MS = 0.001;

    private final double alpha;
    private final double minRatio;
    private final double minIncreaseMs;
    private final int minBaselineSamples;

    public LatencyShiftTest(double alpha, double minRatio, double minIncreaseMs, int minBaselineSamples) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be between 0 and 1, exclusive, not " + alpha);
        }
        if (!(minRatio >= 1)) {
            throw new IllegalArgumentException("the minimum ratio must be at least 1, not " + minRatio);
        }
        if (!(minIncreaseMs >= 0)) {
            throw new IllegalArgumentException("the minimum increase must be at least 0 ms, not " + minIncreaseMs);
        }
        if (minBaselineSamples < 2) {
            throw new IllegalArgumentException("the minimum baseline must be at least 2 samples, not " + minBaselineSamples);
        }
        this.alpha = alpha;
        this.minRatio = minRatio;
        this.minIncreaseMs = minIncreaseMs;
        this.minBaselineSamples = minBaselineSamples;
    }

    public LatencyVerdict evaluate(double[] baseline, double[] observed) {
        LatencyStats before = LatencyStats.of(baseline);
        LatencyStats now = LatencyStats.of(observed);
        double p50Ratio = ratio(now.p50Ms(), before.p50Ms());
        double p95Ratio = ratio(now.p95Ms(), before.p95Ms());
        if (baseline.length < minBaselineSamples || observed.length == 0) {
            return new LatencyVerdict(LatencyState.LEARNING, before, now, Double.NaN, p50Ratio, p95Ratio);
        }
        double pValue = pValueSlower(observed, baseline);
        boolean shifted = pValue < alpha
                && material(now.p50Ms(), before.p50Ms(), p50Ratio)
                && material(now.p95Ms(), before.p95Ms(), p95Ratio);
        return new LatencyVerdict(shifted ? LatencyState.SHIFTED : LatencyState.STEADY, before, now, pValue,
                p50Ratio, p95Ratio);
    }

    /**
     * One-sided p-value of the Mann-Whitney U test for "observed tends to be larger than baseline". Commons
     * Math answers the two-sided question; halving it gives the one-sided p-value when the observed sample
     * lies on the slow side, and its complement when it lies on the fast side.
     */
    static double pValueSlower(double[] observed, double[] baseline) {
        double twoSided = new MannWhitneyUTest().mannWhitneyUTest(observed, baseline);
        double half = twoSided / 2;
        return uOfFirst(observed, baseline) > (double) observed.length * baseline.length / 2 ? half : 1 - half;
    }

    /** U of the first sample: how many (first, second) pairs the first wins, ties counting half. */
    private static double uOfFirst(double[] first, double[] second) {
        double[] all = new double[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        double[] ranks = new NaturalRanking(NaNStrategy.FIXED, TiesStrategy.AVERAGE).rank(all);
        double rankSum = 0;
        for (int i = 0; i < first.length; i++) {
            rankSum += ranks[i];
        }
        return rankSum - (double) first.length * (first.length + 1) / 2;
    }

    private boolean material(double observed, double baseline, double ratio) {
        return ratio >= minRatio && observed - baseline >= minIncreaseMs;
    }

    private static double ratio(double observed, double baseline) {
        if (Double.isNaN(observed) || Double.isNaN(baseline)) {
            return Double.NaN;
        }
        return observed / Math.max(baseline, RATIO_FLOOR_MS);
    }
}
