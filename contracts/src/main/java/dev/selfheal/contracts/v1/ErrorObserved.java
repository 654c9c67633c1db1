package dev.selfheal.contracts.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An error a handler raised or reported: a span with status ERROR, or an {@code exception} span event.
 *
 * @param service         the service that raised it
 * @param version         its deployed version
 * @param environment     where it runs, when known
 * @param traceId         the trace it happened in
 * @param spanId          the span that recorded it
 * @param handler         the handler (the span's name)
 * @param time            when it happened
 * @param exceptionType   {@code exception.type}, else the span's {@code error.type}
 * @param message         {@code exception.message}, else the span status message; may be absent
 * @param messageTemplate the message with its variable parts (numbers, ids, quoted values) reduced to {@code <*>}
 * @param topFrame        the first frame of {@code exception.stacktrace} without the leading {@code at }; may be absent
 * @param signature       what makes two errors "the same error": see {@link #signatureOf}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorObserved(
        String service,
        String version,
        String environment,
        String traceId,
        String spanId,
        String handler,
        Instant time,
        String exceptionType,
        String message,
        String messageTemplate,
        String topFrame,
        String signature) {

    /**
     * The signature of an error: 16 hex digits hashed from its type, message template and top frame. The line
     * number of the frame is left out, so an unrelated edit above the throwing line keeps the signature.
     */
    public static String signatureOf(String exceptionType, String messageTemplate, String topFrame) {
        String frame = topFrame == null ? "" : topFrame.replaceAll(":\\d+\\)$", ")");
        return EventIds.hash(exceptionType, messageTemplate == null ? "" : messageTemplate, frame);
    }

    /** Stable for a resent span: one error per span, time and signature. */
    public String eventId() {
        return traceId + ":" + spanId + ":error:" + EventIds.hash(time, signature);
    }
}
