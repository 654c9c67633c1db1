package dev.selfheal.healing.code;

import java.util.Locale;
import java.util.Map;

/**
 * The SmallRye Fault Tolerance settings put on a dependency's client method.
 *
 * @param timeoutMs              {@code @Timeout}: how long one call may take
 * @param maxRetries             {@code @Retry(maxRetries)}; 0 for no {@code @Retry}
 * @param retryDelayMs           {@code @Retry(delay)}
 * @param requestVolumeThreshold {@code @CircuitBreaker(requestVolumeThreshold)}: the rolling window of calls
 * @param failureRatio           {@code @CircuitBreaker(failureRatio)}: the share of failures that opens it
 * @param breakerDelayMs         {@code @CircuitBreaker(delay)}: how long it stays open
 */
public record FaultToleranceSettings(long timeoutMs, int maxRetries, long retryDelayMs, int requestVolumeThreshold,
        double failureRatio, long breakerDelayMs) {

    /** Used when the evidence has no latency baseline: MicroProfile's own default timeout. */
    public static final long DEFAULT_TIMEOUT_MS = 1000;

    /**
     * Settings from a dependency anomaly's figures: the timeout is twice the baseline p99 (else three times the
     * p95), rounded up to 50 ms and kept within 100 ms to 10 s, so healthy calls never hit it; a slow dependency
     * gets one retry (more would multiply the load on something already struggling), a failing one two; the
     * breaker opens at twice the baseline failure rate, at least half the calls and at most nine in ten.
     *
     * @param figures the anomaly's figures ({@code baseline.p99Ms}, {@code baseline.p95Ms}, {@code baseline.rate})
     * @param slow    whether the dependency is slow rather than failing
     */
    public static FaultToleranceSettings fromEvidence(Map<String, Double> figures, boolean slow) {
        Double p99 = figures.get("baseline.p99Ms");
        Double p95 = figures.get("baseline.p95Ms");
        long timeout = p99 != null && p99 > 0 ? roundUp(2 * p99)
                : p95 != null && p95 > 0 ? roundUp(3 * p95) : DEFAULT_TIMEOUT_MS;
        timeout = Math.max(100, Math.min(10_000, timeout));
        double baselineRate = figures.getOrDefault("baseline.rate", 0.0);
        double ratio = Math.min(0.9, Math.max(0.5, Math.ceil(20 * baselineRate) / 10));
        return new FaultToleranceSettings(timeout, slow ? 1 : 2, Math.max(50, roundUp(timeout / 4.0)), 20, ratio,
                5000);
    }

    /** The {@code @Timeout} annotation as written in source. */
    public String timeout() {
        return "@Timeout(" + timeoutMs + ")";
    }

    /** The {@code @Retry} annotation as written in source. */
    public String retry() {
        return "@Retry(maxRetries = " + maxRetries + ", delay = " + retryDelayMs + ")";
    }

    /** The {@code @CircuitBreaker} annotation as written in source. */
    public String circuitBreaker() {
        return String.format(Locale.ROOT, "@CircuitBreaker(requestVolumeThreshold = %d, failureRatio = %s, delay = %d)",
                requestVolumeThreshold, failureRatio, breakerDelayMs);
    }

    /**
     * The longest a caller waits for one call with these settings (every attempt timing out, every retry
     * delayed), which a dependency test allows before it fails.
     */
    public long worstCaseMs() {
        return timeoutMs * (maxRetries + 1) + retryDelayMs * maxRetries;
    }

    private static long roundUp(double ms) {
        return (long) (Math.ceil(ms / 50) * 50);
    }
}
