package dev.selfheal.detection.stats;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lets a finding through at most once per {@code spacing} of event time per fingerprint: the engine's contract is
 * that a detector raises a problem while it holds but not more than about once per second, and a problem seen by
 * several keys at once (two versions of a handler, many calls in one second) must still be one finding a second.
 * Remembers at most {@code capacity} fingerprints.
 */
public final class RaiseGate {

    private final Duration spacing;
    private final BoundedLru<String, Instant> lastRaised;

    public RaiseGate(Duration spacing, int capacity) {
        this.spacing = spacing;
        this.lastRaised = new BoundedLru<>(capacity);
    }

    /** Whether a finding with this fingerprint may be raised at {@code now}; if so, records it as raised. */
    public boolean allow(String fingerprint, Instant now) {
        Instant last = lastRaised.get(fingerprint);
        if (last != null && now.isBefore(last.plus(spacing))) {
            return false;
        }
        lastRaised.put(fingerprint, now);
        return true;
    }

    public JsonNode snapshot(ObjectMapper mapper) {
        Map<String, String> saved = new LinkedHashMap<>();
        lastRaised.forEach((fingerprint, time) -> saved.put(fingerprint, time.toString()));
        return mapper.valueToTree(saved);
    }

    public void restore(JsonNode snapshot, ObjectMapper mapper) {
        lastRaised.clear();
        Map<String, String> saved = mapper.convertValue(snapshot, new TypeReference<LinkedHashMap<String, String>>() { });
        if (saved != null) {
            saved.forEach((fingerprint, time) -> lastRaised.put(fingerprint, Instant.parse(time)));
        }
    }
}
