package dev.selfheal.detector.latency;

import dev.selfheal.contracts.v1.Severity;

/**
 * Maps how many times slower a handler became (observed p95 over baseline p95) to a severity.
 *
 * @param mediumRatio   the least ratio that is {@link Severity#MEDIUM}; below it {@link Severity#LOW}
 * @param highRatio     the least ratio that is {@link Severity#HIGH}
 * @param criticalRatio the least ratio that is {@link Severity#CRITICAL}
 */
public record SeverityScale(double mediumRatio, double highRatio, double criticalRatio) {

    public SeverityScale {
        if (!(1 <= mediumRatio && mediumRatio <= highRatio && highRatio <= criticalRatio)) {
            throw new IllegalArgumentException("severity ratios must satisfy 1 <= medium <= high <= critical, not "
                    + mediumRatio + ", " + highRatio + ", " + criticalRatio);
        }
    }

    public Severity of(double ratio) {
        if (ratio >= criticalRatio) {
            return Severity.CRITICAL;
        }
        if (ratio >= highRatio) {
            return Severity.HIGH;
        }
        return ratio >= mediumRatio ? Severity.MEDIUM : Severity.LOW;
    }
}
