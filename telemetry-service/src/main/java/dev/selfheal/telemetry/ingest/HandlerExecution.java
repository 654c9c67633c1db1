package dev.selfheal.telemetry.ingest;

import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One handler execution as a client sends it to {@code POST /api/events}. */
@Schema(description = "One execution of a handler (a span)")
public record HandlerExecution(
        @Schema(description = "Service that ran the handler", examples = "checkout", required = true) String service,
        @Schema(description = "Deployed version of the service", examples = "1.4.2", required = true) String version,
        @Schema(description = "Trace id, 32 hex digits", examples = "4bf92f3577b34da6a3ce929d0e0e4736", required = true) String traceId,
        @Schema(description = "Span id, 16 hex digits", examples = "00f067aa0ba902b7", required = true) String spanId,
        @Schema(description = "Calling span's id, absent for a trace's root", examples = "a3ce929d0e0e4736") String parentSpanId,
        @Schema(description = "Handler name", examples = "POST /orders", required = true) String handler,
        @Schema(description = "Start time, ISO-8601", examples = "2026-11-29T10:15:30.123Z", required = true) Instant start,
        @Schema(description = "Duration in milliseconds, at least 0", examples = "182.5", required = true) Double durationMs,
        @Schema(description = "OK or ERROR", examples = "OK", required = true) String status,
        @Schema(description = "Span attributes: strings, numbers, booleans or arrays of those") Map<String, Object> attributes) {
}
