package dev.selfheal.detection.stats;

import java.util.Arrays;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.stat.inference.AlternativeHypothesis;
import org.apache.commons.math3.stat.inference.BinomialTest;

/**
 * Tests whether a window of recent latencies is slower than a learned baseline, with two rank-based tests, so that
 * no assumption about the shape of latency (log-normal, bimodal, heavy-tailed) is needed and an outlier weighs no
 * more than any other slow call:
 *
 * <ul>
 *   <li><b>location</b>: the Mann-Whitney rank-sum test, one-sided. The baseline is a sketch rather than samples, so
 *   each recent latency's rank among the baseline is read from the sketch ({@code m * cdf(x)}); their sum is
 *   Mann-Whitney's U, and its normal approximation (mean {@code n m / 2}, variance {@code n m (n + m + 1) / 12})
 *   gives the p-value. It catches a shift of the whole distribution.</li>
 *   <li><b>tail</b>: how many recent latencies exceed the baseline's p95, against the 5 % expected, with Commons
 *   Math's one-sided {@link BinomialTest}. It catches a shift of the slow tail alone (a lock, a retry), which
 *   barely moves ranks.</li>
 * </ul>
 *
 * The reported p-value is the smaller of the two, Bonferroni-corrected (times two).
 */
public final class ShiftTest {

    static final double TAIL_QUANTILE = 0.95;
    private static final BinomialTest BINOMIAL = new BinomialTest();

    private ShiftTest() {
    }

    /**
     * The outcome of one test.
     *
     * @param samples     recent latencies tested
     * @param pLocation   one-sided p-value of the rank-sum test
     * @param pTail       one-sided p-value of the p95 exceedance test
     * @param p           the combined p-value
     * @param exceedances recent latencies above the baseline's p95
     * @param observedP50 recent p50, ms (and so on)
     * @param observedP95 recent p95, ms
     * @param observedP99 recent p99, ms
     * @param baselineP50 baseline p50, ms
     * @param baselineP95 baseline p95, ms
     * @param baselineP99 baseline p99, ms
     * @param baselineCount samples the baseline was learned from
     */
    public record Result(int samples, double pLocation, double pTail, double p, int exceedances, double observedP50,
            double observedP95, double observedP99, double baselineP50, double baselineP95, double baselineP99,
            long baselineCount) {

        /** Observed p95 over baseline p95: the score of a latency finding. */
        public double ratio() {
            return baselineP95 > 0 ? observedP95 / baselineP95 : Double.POSITIVE_INFINITY;
        }

        /** Observed p50 over baseline p50. */
        public double medianRatio() {
            return baselineP50 > 0 ? observedP50 / baselineP50 : Double.POSITIVE_INFINITY;
        }
    }

    /** Tests every recent latency against one baseline. */
    public static Result test(LatencyDistribution baseline, double[] recent) {
        LatencyDistribution[] baselines = new LatencyDistribution[recent.length];
        Arrays.fill(baselines, baseline);
        return test(recent, baselines, baseline);
    }

    /**
     * Tests each recent latency against its own baseline ({@code baselines[i]} for {@code recent[i]}): a window that
     * straddles the hour is compared with each hour's seasonal slot, not the newer hour's alone. The ranks stay
     * uniform under "no shift", so the test holds; its variance takes the smallest baseline's size (conservative).
     * Percentiles are reported against {@code reported}.
     */
    public static Result test(double[] recent, LatencyDistribution[] baselines, LatencyDistribution reported) {
        int n = recent.length;
        double m = Long.MAX_VALUE;
        double rankSum = 0;
        int exceedances = 0;
        LatencyDistribution last = null;
        double lastP95 = 0;
        for (int i = 0; i < n; i++) {
            LatencyDistribution baseline = baselines[i];
            if (baseline != last) {
                last = baseline;
                lastP95 = baseline.quantile(TAIL_QUANTILE);
                m = Math.min(m, baseline.count());
            }
            rankSum += baseline.cdf(recent[i]);
            if (recent[i] > lastP95) {
                exceedances++;
            }
        }
        double[] sorted = recent.clone();
        Arrays.sort(sorted);
        double variance = n * (n + m + 1) / (12.0 * m);
        double z = (rankSum - n / 2.0) / Math.sqrt(variance);
        double pLocation = 0.5 * Erf.erfc(z / Math.sqrt(2));
        double pTail = BINOMIAL.binomialTest(n, exceedances, 1 - TAIL_QUANTILE, AlternativeHypothesis.GREATER_THAN);
        double p = Math.min(1, 2 * Math.min(pLocation, pTail));
        return new Result(n, pLocation, pTail, p, exceedances, quantile(sorted, 0.50), quantile(sorted, 0.95),
                quantile(sorted, 0.99), reported.quantile(0.50), reported.quantile(TAIL_QUANTILE),
                reported.quantile(0.99), reported.count());
    }

    /** Quantile of sorted values, interpolating linearly between order statistics (Hyndman and Fan's type 7). */
    public static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double position = q * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(sorted.length - 1, low + 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}
