package dev.selfheal.detection.engine;

import java.time.Duration;

/**
 * How the engine assembles traces and applies feedback.
 *
 * @param traceQuietTime           a trace is complete once event time passed its last span's end by this much
 * @param maxOpenTraces            traces kept open at most; beyond it the oldest is completed early
 * @param maxSpansPerTrace         a trace with this many spans is completed at once
 * @param falsePositiveScoreFactor after a false-positive verdict, the same fingerprint needs a score this many
 *                                 times the judged one
 * @param sessionQuietTime         a log session (records sharing a {@code session.id}) is complete once event time
 *                                 passed its last record by this much; sessions pause longer than requests do, and
 *                                 the BEHAVIORAL detector judges recurrence over the last 60 s, so it stays well below
 */
public record EngineSettings(Duration traceQuietTime, int maxOpenTraces, int maxSpansPerTrace,
        double falsePositiveScoreFactor, Duration sessionQuietTime) {

    public static final EngineSettings DEFAULTS = new EngineSettings(Duration.ofSeconds(5), 100_000, 2_000, 1.5,
            Duration.ofSeconds(20));
}
