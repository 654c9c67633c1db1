package dev.selfheal.telemetry.trace;

import java.time.Instant;

/** What telemetry-service has received from one service. */
public record ServiceTotals(String service, long spans, long handlers, long errors, Instant lastReceived) {
}
