package dev.selfheal.contracts.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * One execution of a handler, normalised by telemetry-service: the unit every detector learns from.
 *
 * @param service      the service that ran the handler ({@code service.name})
 * @param version      the deployed version of that service ({@code service.version})
 * @param traceId      the trace the execution belongs to; a trace is one flow
 * @param spanId       this execution's span id, unique within the trace
 * @param parentSpanId the calling span, absent for a trace's root
 * @param handler      the handler's name (the span name)
 * @param start        when the execution started
 * @param durationMs   how long it took, in milliseconds
 * @param status       whether it succeeded
 * @param attributes   the span's attributes, flattened to strings
 * @param kind         the span's role (server, client, ...), when the source knows it; optional
 * @param environment  where the service runs ({@code deployment.environment.name}), when known; optional
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SpanRecorded(
        String service,
        String version,
        String traceId,
        String spanId,
        String parentSpanId,
        String handler,
        Instant start,
        double durationMs,
        SpanStatus status,
        Map<String, String> attributes,
        SpanKind kind,
        String environment) {

    public SpanRecorded {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** A span whose kind and environment are not known, as {@code POST /api/events} receives it. */
    public SpanRecorded(String service, String version, String traceId, String spanId, String parentSpanId,
            String handler, Instant start, double durationMs, SpanStatus status, Map<String, String> attributes) {
        this(service, version, traceId, spanId, parentSpanId, handler, start, durationMs, status, attributes, null,
                null);
    }

    /** The event id of this execution: stable, so that a re-sent span is recognised downstream. */
    public String eventId() {
        return traceId + ":" + spanId;
    }
}
