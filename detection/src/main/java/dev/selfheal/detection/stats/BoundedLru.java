package dev.selfheal.detection.stats;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that keeps at most {@code capacity} entries, evicting the least recently used one (a read or a write counts
 * as a use). Detectors key their state by service, handler, target or state key, all of which come from the
 * telemetry, so a misbehaving client could create keys without end; this cap is what keeps a detector's memory
 * bounded. Iteration runs from the least to the most recently used entry, which is also the order a snapshot keeps,
 * so that a restored map evicts the same keys as the original would have.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class BoundedLru<K, V> extends LinkedHashMap<K, V> {

    private static final long serialVersionUID = 1L;

    private final int capacity;

    public BoundedLru(int capacity) {
        super(16, 0.75f, true);
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}
