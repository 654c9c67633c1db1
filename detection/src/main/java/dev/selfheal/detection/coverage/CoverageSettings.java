package dev.selfheal.detection.coverage;

import java.time.Duration;

/**
 * The one configuration of {@link CoverageDetector}, for every service.
 *
 * @param minCalls         an uncovered handler is raised once it was called this many times since the report it is
 *                         judged by arrived (10): a handler production really uses, not one smoke call after a deploy
 * @param trafficHalfLife  traffic (a handler's share of its service, calls per minute) is counted with exponential
 *                         decay of this half-life (10 min): recent enough to rank by today's traffic, long enough that
 *                         the ranking does not flicker with every burst
 * @param maxReports       reports kept per service, one per version, the oldest forgotten first (4): the versions
 *                         running at once during a rollout, plus the latest
 * @param maxServices      services kept (500), the least recently seen forgotten first
 * @param maxHandlers      handlers kept per service (1,000), the least recently called forgotten first
 * @param minRaiseInterval the same finding is raised at most once per this much event time (1 s)
 * @param maxExamples      example trace ids per finding (5)
 */
public record CoverageSettings(int minCalls, Duration trafficHalfLife, int maxReports, int maxServices,
        int maxHandlers, Duration minRaiseInterval, int maxExamples) {

    public static final CoverageSettings DEFAULTS = new CoverageSettings(10, Duration.ofMinutes(10), 4, 500, 1_000,
            Duration.ofSeconds(1), 5);

    public CoverageSettings {
        if (minCalls < 1 || trafficHalfLife.isZero() || trafficHalfLife.isNegative() || maxReports < 1
                || maxServices < 1 || maxHandlers < 1 || maxExamples < 1) {
            throw new IllegalArgumentException("invalid coverage settings");
        }
    }
}
