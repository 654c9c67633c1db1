package dev.selfheal.contracts.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A handler changed a piece of state: a {@code state.mutation} span event.
 *
 * @param service     the service whose state changed
 * @param version     its deployed version
 * @param environment where it runs, when known
 * @param traceId     the trace the change belongs to
 * @param spanId      the span that recorded it
 * @param handler     the handler (the span's name)
 * @param time        when it changed
 * @param key         {@code state.key}, the piece of state, e.g. {@code order.status}
 * @param value       {@code state.value}, the new value as text
 * @param previous    {@code state.previous}, the value before, when recorded
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StateMutated(
        String service,
        String version,
        String environment,
        String traceId,
        String spanId,
        String handler,
        Instant time,
        String key,
        String value,
        String previous) {

    /** Stable for a resent span: one mutation per span, time, key and values. */
    public String eventId() {
        return traceId + ":" + spanId + ":state:" + EventIds.hash(time, key, value, previous);
    }
}
