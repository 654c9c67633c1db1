package dev.selfheal.telemetry.trace;

import java.time.Instant;
import java.util.Map;

/** A stored span as the REST API shows it. */
public record SpanView(
        String traceId,
        String spanId,
        String parentSpanId,
        String service,
        String version,
        String handler,
        Instant start,
        double durationMs,
        String status,
        Map<String, String> attributes,
        String kind,
        String environment) {

    static SpanView of(StoredSpan s) {
        return new SpanView(s.traceId, s.spanId, s.parentSpanId, s.service, s.version, s.handler, s.start,
                s.durationMs, s.status, s.attributes, s.kind, s.environment);
    }
}
