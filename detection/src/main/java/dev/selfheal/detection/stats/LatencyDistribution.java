package dev.selfheal.detection.stats;

/** A learned latency distribution, whatever sketch holds it: what the shift test reads from a baseline. */
public interface LatencyDistribution {

    /** How many samples it was learned from. */
    long count();

    /** Share of the learned samples at or below {@code ms}, in [0, 1]. */
    double cdf(double ms);

    /** The latency at quantile {@code q} (0..1), in milliseconds. */
    double quantile(double q);
}
