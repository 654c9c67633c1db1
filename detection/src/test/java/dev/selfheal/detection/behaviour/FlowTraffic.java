package dev.selfheal.detection.behaviour;

import dev.selfheal.contracts.v1.SpanKind;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.SpanStatus;
import dev.selfheal.detection.engine.Detector;
import dev.selfheal.detection.engine.Finding;
import dev.selfheal.detection.engine.Trace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Synthetic traces for the structural detectors' tests: each flow step {@code service:handler} becomes a span, a
 * step of another service than the root's preceded by the root's CLIENT span calling it, all in start order. Traces
 * arrive at a steady rate with seeded exponential gaps; a detector is fed as the engine would: the trace, then the
 * watermark five seconds after its end.
 */
public final class FlowTraffic {

    public static final Instant START = Instant.parse("2026-01-05T10:00:00Z");
    public static final Duration QUIET = Duration.ofSeconds(5);

    private final Random random;
    private final double tracesPerSecond;
    private Instant clock = START;
    private long traceNo;

    public FlowTraffic(long seed, double tracesPerSecond) {
        this.random = new Random(seed);
        this.tracesPerSecond = tracesPerSecond;
    }

    public Random random() {
        return random;
    }

    public Instant clock() {
        return clock;
    }

    /** Moves the clock on without traffic. */
    public void idle(Duration d) {
        clock = clock.plus(d);
    }

    /** The spans of one trace following {@code flow}, starting at {@code start}; each step takes 10 ms. */
    public static List<SpanRecorded> spans(String traceId, Instant start, List<String> flow, String version,
            Function<String, Double> durationMs) {
        List<SpanRecorded> spans = new ArrayList<>();
        String[] root = flow.get(0).split(":", 2);
        double offset = 1;
        List<SpanRecorded> children = new ArrayList<>();
        for (int i = 1; i < flow.size(); i++) {
            String[] step = flow.get(i).split(":", 2);
            double took = durationMs.apply(flow.get(i));
            if (!step[0].equals(root[0])) {
                String client = traceId + "-c" + i;
                children.add(span(root[0], version, traceId, client, traceId + "-0", "call " + step[0], start,
                        offset, took + 2, SpanKind.CLIENT));
                children.add(span(step[0], version, traceId, traceId + "-" + i, client, step[1], start, offset + 1,
                        took, kindOf(step[1])));
            } else {
                children.add(span(step[0], version, traceId, traceId + "-" + i, traceId + "-0", step[1], start, offset,
                        took, kindOf(step[1])));
            }
            offset += took + 3;
        }
        spans.add(span(root[0], version, traceId, traceId + "-0", null, root[1], start, 0,
                Math.max(offset, durationMs.apply(flow.get(0))), kindOf(root[1])));
        spans.addAll(children);
        return spans;
    }

    public static List<SpanRecorded> spans(String traceId, Instant start, List<String> flow) {
        return spans(traceId, start, flow, "1.0.0", step -> 10.0);
    }

    private static SpanKind kindOf(String handler) {
        return handler.contains(" /") ? SpanKind.SERVER : SpanKind.INTERNAL;
    }

    private static SpanRecorded span(String service, String version, String traceId, String spanId, String parent,
            String handler, Instant traceStart, double offsetMs, double durationMs, SpanKind kind) {
        Instant start = traceStart.plusNanos((long) (offsetMs * 1_000_000));
        return new SpanRecorded(service, version, traceId, spanId, parent, handler, start, durationMs, SpanStatus.OK,
                Map.of(), kind, null);
    }

    /** The next trace's start: the clock moved on by an exponential gap. */
    public Instant nextStart() {
        double gap = -Math.log(1 - random.nextDouble()) / tracesPerSecond;
        clock = clock.plusNanos((long) (gap * 1e9));
        return clock;
    }

    public String nextTraceId() {
        return String.format("t%08d", ++traceNo);
    }

    /**
     * Feeds one trace to a detector as the engine would (the trace, then the watermark {@link #QUIET} after its end)
     * and answers what it raised.
     */
    public List<Finding> feed(Detector detector, List<String> flow) {
        String traceId = nextTraceId();
        Trace trace = Trace.of(traceId, spans(traceId, nextStart(), flow));
        return feed(detector, trace);
    }

    public static List<Finding> feed(Detector detector, Trace trace) {
        List<Finding> found = new ArrayList<>();
        detector.onTrace(trace, found::add);
        detector.advance(trace.end().plus(QUIET), found::add);
        return found;
    }
}
