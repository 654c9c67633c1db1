package dev.selfheal.docs.page;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A handler as its documentation describes it.
 *
 * @param handler   the handler's name
 * @param calls     executions observed
 * @param errors    executions that ended in an error
 * @param errorRate errors divided by calls, between 0 and 1
 * @param p50Ms     median latency in milliseconds
 * @param p95Ms     95th percentile latency
 * @param p99Ms     99th percentile latency
 * @param versions  the service versions it was seen in, in the order they appeared
 * @param firstSeen the earliest execution observed
 * @param lastSeen  the latest execution observed
 */
@Schema(description = "A handler observed in production, with its figures")
public record HandlerDoc(
        String handler,
        long calls,
        long errors,
        double errorRate,
        double p50Ms,
        double p95Ms,
        double p99Ms,
        List<String> versions,
        Instant firstSeen,
        Instant lastSeen) {

    public HandlerDoc {
        versions = versions == null ? List.of() : List.copyOf(versions);
    }
}
