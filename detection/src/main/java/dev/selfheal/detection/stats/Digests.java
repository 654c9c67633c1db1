package dev.selfheal.detection.stats;

import com.tdunning.math.stats.MergingDigest;
import java.nio.ByteBuffer;

/**
 * Creates t-digests and turns them into bytes and back, for snapshots.
 *
 * <p>Every digest made here has {@code useAlternatingSort} off. With it on (the library's default), a digest merges
 * its buffer in a direction that alternates with a merge counter the byte form does not carry, so a digest read back
 * from a snapshot would merge differently from the one that wrote it and answer slightly different quantiles later.
 * Off, the merge depends only on the centroids and the buffer, and a restored detector behaves like the original.
 * Writing compresses the digest (the library's {@code asBytes} does), which is why the writer and the reader then
 * hold the same centroids.
 */
public final class Digests {

    private Digests() {
    }

    public static MergingDigest create(double compression) {
        MergingDigest digest = new MergingDigest(compression);
        digest.useAlternatingSort = false;
        return digest;
    }

    /** The digest in t-digest's verbose byte form (doubles, so nothing is rounded). */
    public static byte[] toBytes(MergingDigest digest) {
        digest.compress();
        ByteBuffer buffer = ByteBuffer.allocate(digest.byteSize());
        digest.asBytes(buffer);
        return buffer.array();
    }

    public static MergingDigest fromBytes(byte[] bytes) {
        MergingDigest digest = MergingDigest.fromBytes(ByteBuffer.wrap(bytes));
        digest.useAlternatingSort = false;
        return digest;
    }
}
