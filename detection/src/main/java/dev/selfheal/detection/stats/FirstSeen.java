package dev.selfheal.detection.stats;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When each service was first seen (event time), for the learning periods of the detectors that expect new things
 * (error signatures, dependencies, state keys) only once a service has been watched for a while. Bounded: the
 * least recently used services are forgotten beyond {@code max}. Snapshots as ISO-8601 text.
 */
public final class FirstSeen {

    private final BoundedLru<String, Instant> services;

    public FirstSeen(int max) {
        this.services = new BoundedLru<>(max);
    }

    /** Records {@code time} for the service if it is its earliest; answers the service's first time. */
    public Instant observe(String service, Instant time) {
        Instant first = services.get(service);
        if (first == null || time.isBefore(first)) {
            services.put(service, time);
            return time;
        }
        return first;
    }

    public JsonNode snapshot(ObjectMapper mapper) {
        Map<String, String> saved = new LinkedHashMap<>();
        services.forEach((service, time) -> saved.put(service, time.toString()));
        return mapper.valueToTree(saved);
    }

    public void restore(JsonNode snapshot, ObjectMapper mapper) {
        services.clear();
        Map<String, String> saved = mapper.convertValue(snapshot, new TypeReference<LinkedHashMap<String, String>>() { });
        if (saved != null) {
            saved.forEach((service, time) -> services.put(service, Instant.parse(time)));
        }
    }
}
