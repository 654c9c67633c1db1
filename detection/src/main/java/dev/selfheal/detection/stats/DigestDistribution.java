package dev.selfheal.detection.stats;

import com.tdunning.math.stats.MergingDigest;

/** A t-digest seen as a {@link LatencyDistribution}. */
public record DigestDistribution(MergingDigest digest) implements LatencyDistribution {

    @Override
    public long count() {
        return digest.size();
    }

    @Override
    public double cdf(double ms) {
        return digest.cdf(ms);
    }

    @Override
    public double quantile(double q) {
        return digest.quantile(q);
    }
}
