package dev.selfheal.detector.latency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** How the latency detector learns baselines and decides ({@code selfheal.detector.latency.*}). */
@ConfigMapping(prefix = "selfheal.detector.latency")
public interface LatencyConfig {

    /** How many of a handler's latest samples, by span start time, form the observed window. */
    @WithDefault("30")
    @Min(5)
    int windowSize();

    /** How many samples just before the observed window form the baseline, at most. */
    @WithDefault("500")
    @Min(10)
    int baselineSize();

    /** The fewest baseline samples a handler needs before it gets a verdict; until then it is learning. */
    @WithDefault("50")
    @Min(10)
    int minBaselineSamples();

    /** Significance level of the one-sided Mann-Whitney U test. */
    @WithDefault("0.001")
    @DecimalMin(value = "0", inclusive = false)
    @DecimalMax(value = "1", inclusive = false)
    double alpha();

    /** The least factor by which observed p50 and p95 must each exceed the baseline's. */
    @WithDefault("1.5")
    @DecimalMin("1")
    double minRatio();

    /** The least number of milliseconds by which observed p50 and p95 must each exceed the baseline's. */
    @WithDefault("5")
    @DecimalMin("0")
    double minIncreaseMs();

    /**
     * How long an anomaly stays open after the shift was last confirmed. While it is open, the same handler's
     * shift confirms it instead of raising another: a storm is one anomaly.
     */
    @WithDefault("10m")
    Duration cooldown();

    /** How many of the slowest observed traces an anomaly names as examples. */
    @WithDefault("5")
    @Min(1)
    int exampleTraces();

    /** Which p95 ratios are which severity. */
    SeverityRatios severity();

    /**
     * How many samples per handler are kept; older ones are deleted. Never fewer than the detector reads
     * (window plus baseline), whatever is set.
     */
    @WithDefault("5000")
    @Min(1)
    int retainedSamples();

    /** How often samples beyond {@link #retainedSamples()} are deleted. */
    @WithDefault("10m")
    Duration pruneEvery();

    /** Ratios of observed p95 to baseline p95 at which an anomaly becomes more severe. */
    interface SeverityRatios {

        /** At or above it, MEDIUM; below it, LOW. */
        @WithDefault("2")
        double mediumRatio();

        /** At or above it, HIGH. */
        @WithDefault("3")
        double highRatio();

        /** At or above it, CRITICAL. */
        @WithDefault("5")
        double criticalRatio();
    }
}
