package dev.selfheal.detection.engine;

import dev.selfheal.contracts.v1.SpanKind;
import dev.selfheal.contracts.v1.SpanRecorded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A trace the engine considers complete (no new span for the configured quiet time): its spans ordered by start,
 * a parent before its children when they start at the same instant.
 *
 * @param traceId the trace id
 * @param spans   its spans in start order
 */
public record Trace(String traceId, List<SpanRecorded> spans) {

    private static final Comparator<SpanRecorded> START_ORDER = Comparator.comparing(SpanRecorded::start);

    public Trace {
        spans = List.copyOf(spans);
    }

    /** Orders spans by start; a span starting with its parent comes after it. */
    public static Trace of(String traceId, List<SpanRecorded> spans) {
        List<SpanRecorded> ordered = new ArrayList<>(spans);
        ordered.sort(START_ORDER.thenComparing((a, b) -> {
            if (b.spanId().equals(a.parentSpanId())) {
                return 1;
            }
            if (a.spanId().equals(b.parentSpanId())) {
                return -1;
            }
            return 0;
        }));
        return new Trace(traceId, ordered);
    }

    /** The spans that are steps of the flow: every span but the calling side of a call (CLIENT and PRODUCER). */
    public List<SpanRecorded> steps() {
        return spans.stream().filter(Trace::isStep).toList();
    }

    /** The flow: each step as {@code service:handler}, in start order. */
    public List<String> flow() {
        return steps().stream().map(Trace::stepName).toList();
    }

    /** The root: the span without a parent in this trace, else the earliest step. */
    public SpanRecorded root() {
        for (SpanRecorded span : spans) {
            if (span.parentSpanId() == null || span.parentSpanId().isEmpty()) {
                return span;
            }
        }
        List<SpanRecorded> steps = steps();
        return steps.isEmpty() ? spans.get(0) : steps.get(0);
    }

    /** When the last span ended. */
    public Instant end() {
        Instant end = Instant.MIN;
        for (SpanRecorded span : spans) {
            Instant spanEnd = span.start().plusNanos((long) (span.durationMs() * 1_000_000));
            if (spanEnd.isAfter(end)) {
                end = spanEnd;
            }
        }
        return end;
    }

    public static boolean isStep(SpanRecorded span) {
        return span.kind() != SpanKind.CLIENT && span.kind() != SpanKind.PRODUCER;
    }

    public static String stepName(SpanRecorded span) {
        return span.service() + ":" + span.handler();
    }
}
