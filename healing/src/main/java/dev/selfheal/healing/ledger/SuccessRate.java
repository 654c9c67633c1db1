package dev.selfheal.healing.ledger;

import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * How often a kind of fix worked, with its uncertainty: the Beta posterior of the success probability under
 * Jeffreys' prior, Beta(1/2, 1/2). Three successes out of three is not a 100 % playbook, and the interval says so.
 *
 * @param successes verified fixes
 * @param failures  fixes that did not help, were rolled back or could not be rolled out
 * @param estimate  the posterior mean, (s + 1/2) / (n + 1); 0.5 with no outcomes
 * @param low       the lower end of the central credible interval
 * @param high      the upper end of the central credible interval
 * @param level     the interval's probability, e.g. 0.9
 */
public record SuccessRate(int successes, int failures, double estimate, double low, double high, double level) {

    /** The interval reported unless asked otherwise. */
    public static final double DEFAULT_LEVEL = 0.9;

    private static final double PRIOR = 0.5;

    public static SuccessRate of(int successes, int failures) {
        return of(successes, failures, DEFAULT_LEVEL);
    }

    public static SuccessRate of(int successes, int failures, double level) {
        if (successes < 0 || failures < 0) {
            throw new IllegalArgumentException("outcome counts cannot be negative");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("the interval's level must be between 0 and 1, not " + level);
        }
        // No random draws: the distribution is used only for its quantiles, so the generator is never consulted.
        BetaDistribution posterior = new BetaDistribution(null, successes + PRIOR, failures + PRIOR,
                BetaDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY);
        double tail = (1 - level) / 2;
        double estimate = (successes + PRIOR) / (successes + failures + 2 * PRIOR);
        return new SuccessRate(successes, failures, estimate, posterior.inverseCumulativeProbability(tail),
                posterior.inverseCumulativeProbability(1 - tail), level);
    }

    public int outcomes() {
        return successes + failures;
    }

    /**
     * Whether the record is good enough to act without a person: at least {@code minOutcomes} outcomes and the
     * interval's lower end at or above {@code bar}, so that a short lucky streak does not qualify.
     */
    public boolean clears(double bar, int minOutcomes) {
        return outcomes() >= minOutcomes && low >= bar;
    }
}
