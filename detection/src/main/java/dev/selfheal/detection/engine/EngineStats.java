package dev.selfheal.detection.engine;

import java.time.Instant;

/**
 * What the engine has done so far.
 *
 * @param events             events accepted
 * @param tracesCompleted    traces assembled and handed to the detectors
 * @param openTraces         traces still collecting spans
 * @param findingsRaised     findings answered
 * @param findingsSuppressed findings held back by feedback
 * @param watermark          the current event time
 */
public record EngineStats(long events, long tracesCompleted, int openTraces, long findingsRaised,
        long findingsSuppressed, Instant watermark) {
}
