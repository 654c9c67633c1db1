package dev.selfheal.detector.latency;

import java.time.Instant;

/**
 * One handler execution as the latency detector sees it.
 *
 * @param traceId    the trace it belongs to, to point a person at an example
 * @param version    the service version that ran it
 * @param start      when it started; windows are cut by this time, not by arrival
 * @param durationMs how long it took
 */
public record LatencyPoint(String traceId, String version, Instant start, double durationMs) {
}
