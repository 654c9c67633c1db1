package dev.selfheal.detection.stats;

import java.util.Arrays;

/**
 * A latency histogram with logarithmic bins: three bins per doubling from 0.05 ms, 64 bins in all (up to about
 * 130 s; smaller and larger values count in the first and last bin). It holds the seasonal baselines (one per hour of
 * the day and one per hour of the week for every handler), where a t-digest per slot would cost about ten times the
 * memory: 64 counters are 256 bytes. A bin is 26 % wide; quantiles interpolate log-linearly inside it, which is
 * precise enough to tell a 1.5x shift from none.
 */
public final class LogHistogram implements LatencyDistribution {

    static final int BINS = 64;
    private static final double MIN_MS = 0.05;
    private static final double BINS_PER_DOUBLING = 3.0;

    private final int[] counts;
    private long total;
    /** Counts below each bin, computed when first needed after a change: a test reads a slot many times. */
    private long[] below;

    public LogHistogram() {
        this(new int[BINS]);
    }

    private LogHistogram(int[] counts) {
        this.counts = counts;
        for (int c : counts) {
            total += c;
        }
    }

    /** Reads back what {@link #counts()} answered. */
    public static LogHistogram of(int[] counts) {
        if (counts.length != BINS) {
            throw new IllegalArgumentException("a latency histogram has " + BINS + " bins, not " + counts.length);
        }
        return new LogHistogram(counts.clone());
    }

    public void add(double ms) {
        int bin = binOf(ms);
        if (counts[bin] < Integer.MAX_VALUE) {
            counts[bin]++;
            total++;
            below = null;
        }
    }

    /** Adds another histogram's counts to this one. */
    public void addAll(LogHistogram other) {
        for (int i = 0; i < BINS; i++) {
            long sum = (long) counts[i] + other.counts[i];
            int value = (int) Math.min(Integer.MAX_VALUE, sum);
            total += value - counts[i];
            counts[i] = value;
        }
        below = null;
    }

    public int[] counts() {
        return counts.clone();
    }

    @Override
    public long count() {
        return total;
    }

    @Override
    public double cdf(double ms) {
        if (total == 0) {
            return 0.5;
        }
        double position = position(ms);
        int bin = (int) Math.floor(position);
        if (bin < 0) {
            return 0;
        }
        if (bin >= BINS) {
            return 1;
        }
        if (below == null) {
            below = new long[BINS];
            for (int i = 1; i < BINS; i++) {
                below[i] = below[i - 1] + counts[i - 1];
            }
        }
        return (below[bin] + counts[bin] * (position - bin)) / total;
    }

    @Override
    public double quantile(double q) {
        if (total == 0) {
            return Double.NaN;
        }
        double target = Math.max(0, Math.min(1, q)) * total;
        long cumulative = 0;
        for (int i = 0; i < BINS; i++) {
            if (counts[i] > 0 && cumulative + counts[i] >= target) {
                double within = (target - cumulative) / counts[i];
                return lowerEdge(i + within);
            }
            cumulative += counts[i];
        }
        return lowerEdge(BINS);
    }

    private static int binOf(double ms) {
        double position = position(ms);
        if (!(position >= 0)) {
            return 0;
        }
        return (int) Math.min(BINS - 1, Math.floor(position));
    }

    private static double position(double ms) {
        if (!(ms > 0)) {
            return -1;
        }
        return Math.log(ms / MIN_MS) / Math.log(2) * BINS_PER_DOUBLING;
    }

    private static double lowerEdge(double position) {
        return MIN_MS * Math.pow(2, position / BINS_PER_DOUBLING);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogHistogram other && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }
}
