package dev.selfheal.contracts.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A call from a service to something it depends on: a CLIENT or PRODUCER span naming its peer.
 *
 * @param service     the calling service
 * @param version     its deployed version
 * @param environment where it runs, when known
 * @param traceId     the trace the call belongs to
 * @param spanId      the client span
 * @param caller      the client span's name
 * @param target      {@code peer.service}, else {@code server.address[:server.port]}, else
 *                    {@code db.system/db.namespace}, else {@code messaging.destination.name}
 * @param kind        HTTP, DATABASE, MESSAGING, RPC or OTHER
 * @param system      {@code db.system}, {@code messaging.system} or {@code rpc.system}, when present
 * @param start       when the call started
 * @param durationMs  how long it took, in milliseconds
 * @param outcome     OK, or ERROR when the client span's status is ERROR
 * @param errorType   why it failed ({@code error.type}, the exception type or the HTTP status); absent when OK
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DependencyCalled(
        String service,
        String version,
        String environment,
        String traceId,
        String spanId,
        String caller,
        String target,
        DependencyKind kind,
        String system,
        Instant start,
        double durationMs,
        SpanStatus outcome,
        String errorType) {

    /** One call per client span. */
    public String eventId() {
        return traceId + ":" + spanId + ":dependency";
    }
}
