package dev.selfheal.workload.shop;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Something a service calls that is not one of the shop's services: a PostgreSQL database, the Redis cache, the
 * payment provider, the Kafka topic. {@link #target()} is the name telemetry-service derives from the client
 * span's attributes (its "Telemetry conventions"), so ground truth and detectors speak of the same dependency.
 *
 * @param kind     what sort of dependency it is, which decides the client span's shape
 * @param target   the dependency as Selfheal names it
 * @param host     the host the client connects to (in connection errors; not an attribute of database spans, so
 *                 that their target stays {@code db.system/db.namespace})
 * @param attributes the span attributes every call carries
 * @param medianMs the median duration of one call
 */
public record Dependency(Kind kind, String target, String host, Map<String, Object> attributes, double medianMs) {

    /** The sorts of dependency, each with its span kind and naming. */
    public enum Kind { POSTGRESQL, REDIS, HTTP_API, KAFKA }

    public Dependency {
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** A PostgreSQL database: {@code db.system=postgresql}, {@code db.namespace=name}, target {@code postgresql/name}. */
    static Dependency postgresql(String database, String host) {
        return new Dependency(Kind.POSTGRESQL, "postgresql/" + database, host,
                ordered("db.system", "postgresql", "db.namespace", database), 1.6);
    }

    /** The shared Redis cache, named by {@code peer.service}. */
    static Dependency redis(String peerService, String host) {
        return new Dependency(Kind.REDIS, peerService, host,
                ordered("db.system", "redis", "db.namespace", "0", "peer.service", peerService), 0.35);
    }

    /** An external HTTP API named by {@code peer.service}. */
    static Dependency httpApi(String peerService, String host, double medianMs) {
        return new Dependency(Kind.HTTP_API, peerService, host,
                ordered("peer.service", peerService, "server.address", host, "server.port", 443L), medianMs);
    }

    /** A Kafka topic written by a PRODUCER span; the target is {@code messaging.destination.name}. */
    static Dependency kafka(String topic, String host) {
        return new Dependency(Kind.KAFKA, topic, host, ordered("messaging.system", "kafka",
                "messaging.destination.name", topic, "messaging.operation.type", "publish"), 2.2);
    }

    /** Attributes in the order given: the emitted bytes must not depend on a hash map's iteration order. */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
