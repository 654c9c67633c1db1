package dev.selfheal.detection.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selfheal.contracts.v1.DependencyCalled;
import dev.selfheal.contracts.v1.DependencyKind;
import dev.selfheal.contracts.v1.ErrorObserved;
import dev.selfheal.contracts.v1.SpanKind;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.SpanStatus;
import dev.selfheal.contracts.v1.StateMutated;
import dev.selfheal.detection.engine.Detector;
import dev.selfheal.detection.engine.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Synthetic telemetry for detector tests: seeded, in event time, fed straight to a detector. */
public final class Traffic {

    /** Monday 2026-03-02 00:00 UTC: hour-of-week 0, so seasonal tests read naturally. */
    public static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

    private final Random random;
    private long ids;

    public Traffic(long seed) {
        this.random = new Random(seed);
    }

    public Random random() {
        return random;
    }

    /** A log-normal latency with the given median and log-space standard deviation. */
    public double logNormal(double medianMs, double sigma) {
        return medianMs * Math.exp(sigma * random.nextGaussian());
    }

    /** Exponential gap between Poisson arrivals at {@code perSecond}, in nanoseconds. */
    public long gapNanos(double perSecond) {
        return (long) (-Math.log(1 - random.nextDouble()) / perSecond * 1e9);
    }

    public String traceId() {
        return Long.toHexString(++ids);
    }

    public SpanRecorded span(String service, String version, String handler, Instant start, double ms,
            SpanStatus status) {
        return new SpanRecorded(service, version, traceId(), "s" + ids, null, handler, start, ms, status, Map.of(),
                SpanKind.SERVER, null);
    }

    public ErrorObserved error(String service, String version, String handler, Instant time, String type,
            String template, String frame) {
        return new ErrorObserved(service, version, null, traceId(), "s" + ids, handler, time, type, template,
                template, frame, ErrorObserved.signatureOf(type, template, frame));
    }

    public DependencyCalled call(String service, String version, String caller, String target, Instant start,
            double ms, String errorType) {
        return new DependencyCalled(service, version, null, traceId(), "c" + ids, caller, target, DependencyKind.HTTP,
                null, start, ms, errorType == null ? SpanStatus.OK : SpanStatus.ERROR, errorType);
    }

    public StateMutated state(String service, String version, String handler, Instant time, String key, String value,
            String previous) {
        return new StateMutated(service, version, null, traceId(), "s" + ids, handler, time, key, value, previous);
    }

    /** Writes a detector's snapshot as JSON text and reads it into another detector, as a restart would. */
    public static void restart(Detector from, Detector to) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String text = mapper.writeValueAsString(from.snapshot(mapper));
        JsonNode read = mapper.readTree(text);
        to.restore(read, mapper);
    }

    /** Collects findings. */
    public static final class Sink implements dev.selfheal.detection.engine.Findings {
        public final List<Finding> findings = new ArrayList<>();

        @Override
        public void raise(Finding finding) {
            findings.add(finding);
        }
    }
}
