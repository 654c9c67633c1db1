package dev.selfheal.detector.latency;

import dev.selfheal.contracts.v1.SpanRecorded;
import java.util.Optional;

/**
 * What a span must carry to become a latency sample. telemetry-service validates what it accepts; this guards
 * against any other producer on the topic, whose bad spans go to the dead-letter topic with the reason.
 */
public final class SampleRules {

    static final int MAX_NAME = 255;
    static final int MAX_HANDLER = 512;
    static final int MAX_ID = 64;

    private SampleRules() {
    }

    /** Why the span cannot be a sample, or empty when it can. */
    public static Optional<String> problem(SpanRecorded span) {
        String problem = text("service", span.service(), MAX_NAME);
        if (problem == null) {
            problem = text("handler", span.handler(), MAX_HANDLER);
        }
        if (problem == null) {
            problem = text("version", span.version(), MAX_NAME);
        }
        if (problem == null) {
            problem = text("traceId", span.traceId(), MAX_ID);
        }
        if (problem == null) {
            problem = text("spanId", span.spanId(), MAX_ID);
        }
        if (problem == null && span.start() == null) {
            problem = "span " + span.eventId() + ": start is required";
        }
        if (problem == null && !(Double.isFinite(span.durationMs()) && span.durationMs() >= 0)) {
            problem = "span " + span.eventId() + ": durationMs must be a finite number of at least 0, not "
                    + span.durationMs();
        }
        return Optional.ofNullable(problem);
    }

    private static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return field + " is required and must not be blank";
        }
        return value.length() > max ? field + " must be at most " + max + " characters" : null;
    }
}
