package dev.selfheal.detector.latency;

import java.util.Random;

/** Synthetic handler latencies: right-skewed around a typical value, as real ones are, with optional outliers. */
final class Latencies {

    private final Random random;

    Latencies(long seed) {
        this.random = new Random(seed);
    }

    /** {@code n} durations whose median is about {@code medianMs}, spread by a log-normal factor. */
    double[] around(double medianMs, int n) {
        return around(medianMs, n, 0, 0);
    }

    /** As {@link #around(double, int)}, with a share of outliers {@code outlierFactor} times slower. */
    double[] around(double medianMs, int n, double outlierShare, double outlierFactor) {
        double[] durations = new double[n];
        for (int i = 0; i < n; i++) {
            double d = medianMs * Math.exp(0.15 * random.nextGaussian());
            durations[i] = random.nextDouble() < outlierShare ? d * outlierFactor : d;
        }
        return durations;
    }
}
