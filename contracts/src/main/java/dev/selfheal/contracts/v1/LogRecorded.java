package dev.selfheal.contracts.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One log record of a service, normalised.
 *
 * @param service     the service that logged it
 * @param version     its deployed version
 * @param environment where it runs, when known
 * @param time        when it was logged (the record's time, else when it was observed)
 * @param severity    the severity, from the severity text or the severity number's range
 * @param body        the message as text
 * @param traceId     the trace it was logged in, when any
 * @param spanId      the span it was logged in, when any
 * @param attributes  the record's attributes, flattened to strings
 * @param templateId  the mined template's id, when the record was mined; optional
 * @param template    the mined template, variable parts as {@code <*>}; optional
 * @param parameters  the values of the template's variable parts, in order; optional
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogRecorded(
        String service,
        String version,
        String environment,
        Instant time,
        LogSeverity severity,
        String body,
        String traceId,
        String spanId,
        Map<String, String> attributes,
        String templateId,
        String template,
        List<String> parameters) {

    public LogRecorded {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        parameters = parameters == null ? null : List.copyOf(parameters);
    }

    /** Stable for a resent record: hashed from everything but the mined template, which may come later. */
    public String eventId() {
        return "log:" + EventIds.hash(service, version, environment, time, severity, body, traceId, spanId,
                new TreeMap<>(attributes));
    }
}
