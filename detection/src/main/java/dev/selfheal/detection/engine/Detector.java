package dev.selfheal.detection.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selfheal.contracts.v1.DependencyCalled;
import dev.selfheal.contracts.v1.DocsRegenerated;
import dev.selfheal.contracts.v1.ErrorObserved;
import dev.selfheal.contracts.v1.LogRecorded;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.StateMutated;
import java.time.Instant;

/**
 * One detector of the engine. The engine calls a detector from one thread at a time, in event order, so a
 * detector keeps plain (unsynchronised) state. Every method gets the sink for what it finds; a detector raises
 * a finding every time it still holds (the incident layer groups a storm into one incident), but should not
 * raise the same finding more than about once per event-time second.
 *
 * <p>State must be bounded (keys expire or are capped) and must survive a restart through {@link #snapshot}
 * and {@link #restore}: the engine persists snapshots with the Kafka offsets they include.
 */
public interface Detector {

    /** A stable name, the key of this detector's snapshot. */
    String name();

    default void onSpan(SpanRecorded span, Findings out) {
    }

    /** A trace the engine considers complete. */
    default void onTrace(Trace trace, Findings out) {
    }

    default void onError(ErrorObserved error, Findings out) {
    }

    default void onDependency(DependencyCalled call, Findings out) {
    }

    default void onState(StateMutated mutation, Findings out) {
    }

    default void onLog(LogRecorded log, Findings out) {
    }

    /** A whole test report (all its parts). */
    default void onTestReport(TestReport report, Findings out) {
    }

    /** A whole API document (all its parts). */
    default void onSpec(ApiSpec spec, Findings out) {
    }

    /** docs-service published a new version of a service's documentation. */
    default void onDocs(DocsRegenerated docs, Findings out) {
    }

    /** Event time moved on to {@code watermark}: time-based checks (windows closing, things not seen). */
    default void advance(Instant watermark, Findings out) {
    }

    /** A person judged one of this detector's findings; applies to the same fingerprint from now on. */
    default void feedback(Feedback feedback) {
    }

    /** The detector's state, as a tree Jackson can write; {@code null} when it keeps none. */
    JsonNode snapshot(ObjectMapper mapper);

    /** Replaces the state with a snapshot {@link #snapshot} wrote (possibly by an earlier version of the code). */
    void restore(JsonNode snapshot, ObjectMapper mapper);
}
