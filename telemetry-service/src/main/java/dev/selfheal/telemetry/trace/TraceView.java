package dev.selfheal.telemetry.trace;

import java.util.List;

/**
 * A whole trace: its spans in start order.
 *
 * @param traceId the trace
 * @param spans   its spans, earliest first; a root span has no parent
 */
public record TraceView(String traceId, List<SpanView> spans) {
}
