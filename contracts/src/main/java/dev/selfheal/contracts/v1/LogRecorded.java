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

    /**
     * The attribute naming the upload a record came from (a digest of the uploaded text); with
     * {@link #LINE_NUMBER} it is the record's position in its source.
     */
    public static final String UPLOAD_DIGEST = "log.upload.digest";
    /** The attribute holding the line a record starts on in its upload, counted from 1. */
    public static final String LINE_NUMBER = "log.line.number";

    /**
     * Stable for a resent record: hashed from everything but the mined template, which may come later. A record
     * that names its position in an upload ({@link #UPLOAD_DIGEST} and {@link #LINE_NUMBER}) is identified by that
     * position and its text instead of its time, because a line without a timestamp of its own is given the time
     * it arrived, which differs when the same upload is sent again.
     */
    public String eventId() {
        String upload = attributes.get(UPLOAD_DIGEST);
        String line = attributes.get(LINE_NUMBER);
        if (upload != null && line != null) {
            return "log:" + EventIds.hash(service, version, environment, upload, line, body);
        }
        return "log:" + EventIds.hash(service, version, environment, time, severity, body, traceId, spanId,
                new TreeMap<>(attributes));
    }
}
