package dev.selfheal.detection.stats;

import org.apache.commons.math3.stat.inference.AlternativeHypothesis;
import org.apache.commons.math3.stat.inference.BinomialTest;

/**
 * Whether a recent failure count is more than a baseline failure rate explains: Commons Math's exact one-sided
 * binomial test. Exact rather than a normal approximation because failure counts in a window are small (a handful
 * out of a few dozen calls), where the approximation is badly wrong.
 */
public final class RateTest {

    private static final BinomialTest BINOMIAL = new BinomialTest();

    private RateTest() {
    }

    /** P(at least {@code failures} of {@code trials} fail) when each fails with probability {@code rate}. */
    public static double pGreater(int trials, int failures, double rate) {
        if (trials == 0 || failures == 0) {
            return 1;
        }
        double p = Math.max(1e-9, Math.min(1 - 1e-9, rate));
        return BINOMIAL.binomialTest(trials, failures, p, AlternativeHypothesis.GREATER_THAN);
    }

    /**
     * The baseline rate to test against: Laplace's rule of succession, {@code (failures + 1) / (trials + 2)}. A
     * handler that never failed in its history then has a small but non-zero rate, so that a single failure in a
     * window is not "infinitely" surprising, and the estimate leans cautious while the history is short.
     */
    public static double baselineRate(long trials, long failures) {
        return (failures + 1.0) / (trials + 2.0);
    }
}
