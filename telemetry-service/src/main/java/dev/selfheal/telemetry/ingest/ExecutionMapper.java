package dev.selfheal.telemetry.ingest;

import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.SpanStatus;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Normalises a validated {@link HandlerExecution} into the {@link SpanRecorded} event. */
public final class ExecutionMapper {

    private ExecutionMapper() {
    }

    public static SpanRecorded toEvent(HandlerExecution e) {
        return new SpanRecorded(
                e.service().strip(),
                e.version().strip(),
                e.traceId().toLowerCase(Locale.ROOT),
                e.spanId().toLowerCase(Locale.ROOT),
                e.parentSpanId() == null ? null : e.parentSpanId().toLowerCase(Locale.ROOT),
                e.handler().strip(),
                e.start(),
                e.durationMs(),
                SpanStatus.valueOf(e.status().toUpperCase(Locale.ROOT)),
                flatten(e.attributes()));
    }

    /** Attribute values become strings; arrays become their items joined by commas, as OTel's text form. */
    static Map<String, String> flatten(Map<String, Object> attributes) {
        Map<String, String> flat = new TreeMap<>();
        if (attributes == null) {
            return flat;
        }
        attributes.forEach((key, value) -> {
            if (value instanceof Collection<?> list) {
                flat.put(key, list.stream().map(String::valueOf).collect(Collectors.joining(",")));
            } else if (value != null) {
                flat.put(key, String.valueOf(value));
            }
        });
        return flat;
    }
}
