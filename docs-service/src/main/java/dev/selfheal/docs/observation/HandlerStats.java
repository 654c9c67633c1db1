package dev.selfheal.docs.observation;

import java.time.Instant;
import java.util.List;

/**
 * What has been observed of one handler of a service: the figures its documentation is written from.
 *
 * @param handler   the handler's name
 * @param calls     executions observed
 * @param errors    of those, executions that ended in an error
 * @param p50Ms     median duration, in milliseconds
 * @param p95Ms     95th percentile duration
 * @param p99Ms     99th percentile duration
 * @param versions  the service versions the handler ran in, in the order they were first seen
 * @param firstSeen the start of the earliest execution observed
 * @param lastSeen  the start of the latest execution observed
 */
public record HandlerStats(
        String handler,
        long calls,
        long errors,
        double p50Ms,
        double p95Ms,
        double p99Ms,
        List<String> versions,
        Instant firstSeen,
        Instant lastSeen) {

    public HandlerStats {
        versions = versions == null ? List.of() : List.copyOf(versions);
    }
}
