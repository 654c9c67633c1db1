package dev.selfheal.workload.shop;

import java.util.List;
import java.util.Map;

/**
 * One finished span of the simulated shop, in the shape an OpenTelemetry SDK hands its exporter.
 *
 * @param service       {@code service.name} of the resource
 * @param version       {@code service.version} of the resource
 * @param traceId       32 hex digits
 * @param spanId        16 hex digits
 * @param parentSpanId  16 hex digits, or null for a root span
 * @param name          the span name (for server spans the handler, {@code METHOD /route})
 * @param kind          the span kind
 * @param startNanos    start, nanoseconds since the epoch (simulated time)
 * @param endNanos      end, nanoseconds since the epoch (simulated time)
 * @param error         whether the span's status is ERROR
 * @param statusMessage the status description, or null
 * @param attributes    span attributes (String, Long, Double or Boolean values), in a stable order
 * @param events        span events, oldest first
 */
public record SpanRecord(String service, String version, String traceId, String spanId, String parentSpanId,
        String name, Kind kind, long startNanos, long endNanos, boolean error, String statusMessage,
        Map<String, Object> attributes, List<Event> events) {

    /** The span kinds the shop produces. */
    public enum Kind { SERVER, CLIENT, PRODUCER, INTERNAL }

    /**
     * A span event: {@code exception} or {@code state.mutation} in this shop.
     *
     * @param name       the event's name
     * @param timeNanos  when it happened, nanoseconds since the epoch
     * @param attributes its attributes, in a stable order
     */
    public record Event(String name, long timeNanos, Map<String, Object> attributes) {
    }

    /** An attribute as text (how telemetry-service flattens it), or null when absent. */
    public String attribute(String key) {
        Object value = attributes.get(key);
        return value == null ? null : String.valueOf(value);
    }

    /** The duration in milliseconds. */
    public double durationMs() {
        return (endNanos - startNanos) / 1_000_000.0;
    }
}
