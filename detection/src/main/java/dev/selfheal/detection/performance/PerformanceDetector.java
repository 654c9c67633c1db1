package dev.selfheal.detection.performance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.Severity;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.detection.engine.Detector;
import dev.selfheal.detection.engine.Feedback;
import dev.selfheal.detection.engine.Finding;
import dev.selfheal.detection.engine.Findings;
import dev.selfheal.detection.engine.Trace;
import dev.selfheal.detection.stats.LatencyShiftTracker;
import dev.selfheal.detection.stats.RaiseGate;
import dev.selfheal.detection.stats.ShiftTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PERFORMANCE: a handler's latency distribution shifts away from its learned baseline.
 *
 * <p>Every step span (not the calling side of a call, see {@link Trace#isStep}) is one sample of its
 * (service, handler), taken at the span's end. The work is done by {@link LatencyShiftTracker}: a 20 s window
 * tested once a second against the handler's baseline (version-aware and seasonal) with a rank-sum test and a p95
 * exceedance test, plus a minimum p95 ratio; samples of a flagged regression never enter the baseline.
 *
 * <p>A finding has signature {@value #SIGNATURE}, handler = the span name, score = observed p95 / baseline p95, and
 * severity from that ratio: below {@link Settings#mediumRatio} LOW, below {@link Settings#highRatio} MEDIUM, below
 * {@link Settings#criticalRatio} HIGH, else CRITICAL. It is raised at most once a second while the shift holds.
 *
 * <p>Feedback: FALSE_POSITIVE makes what the handler shows now its new normal (its baselines restart from the
 * current window, cold until warm again). CONFIRMED changes nothing here: the detection already holds the
 * regression's samples back and keeps reporting it; the engine drops any raised score bar.
 */
public final class PerformanceDetector implements Detector {

    public static final String NAME = "performance";
    public static final String SIGNATURE = "latency";

    /**
     * The one configuration of the detector.
     *
     * @param latency       how shifts are found (window, tests, thresholds, seasonality, memory caps)
     * @param mediumRatio   p95 ratio from which a finding is MEDIUM (a doubling is felt by users)
     * @param highRatio     p95 ratio from which it is HIGH
     * @param criticalRatio p95 ratio from which it is CRITICAL (timeouts upstream are likely)
     * @param maxFingerprints fingerprints whose last finding time is remembered, to space findings out
     */
    public record Settings(LatencyShiftTracker.Settings latency, double mediumRatio, double highRatio,
            double criticalRatio, int maxFingerprints) {

        public static final Settings DEFAULTS = new Settings(LatencyShiftTracker.Settings.DEFAULTS, 2, 4, 8, 10_000);
    }

    private final Settings settings;
    private final LatencyShiftTracker tracker;
    private final RaiseGate gate;
    private Instant watermark = Instant.EPOCH;

    public PerformanceDetector(Settings settings) {
        this.settings = settings;
        this.tracker = new LatencyShiftTracker(settings.latency());
        this.gate = new RaiseGate(Duration.ofSeconds(1), settings.maxFingerprints());
    }

    public PerformanceDetector() {
        this(Settings.DEFAULTS);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void advance(Instant now, Findings out) {
        if (now.isAfter(watermark)) {
            watermark = now;
        }
    }

    @Override
    public void onSpan(SpanRecorded span, Findings out) {
        if (!Trace.isStep(span) || span.handler() == null || span.service() == null || span.start() == null) {
            return;
        }
        Instant end = span.start().plusNanos((long) (span.durationMs() * 1_000_000));
        String version = span.version() == null ? "" : span.version();
        LatencyShiftTracker.Shift shift = tracker.observe(key(span.service(), span.handler()), version, end,
                span.durationMs(), span.traceId());
        if (shift == null) {
            return;
        }
        String fingerprint = Finding.fingerprintOf(Capability.PERFORMANCE, span.service(), span.handler(), SIGNATURE);
        Instant detectedAt = end.isAfter(watermark) ? end : watermark;
        if (gate.allow(fingerprint, detectedAt)) {
            out.raise(finding(span.service(), span.handler(), shift, detectedAt));
        }
    }

    /**
     * A handler's self time (its duration minus the time covered by its children) is judged too, once its trace is
     * complete: a handler that spends most of its time waiting on others can triple its own work and move its
     * total latency by only a fifth, below any sensible latency threshold, while its self time shifts clearly. Such a
     * finding joins the handler's latency incident (same signature); its figures are self-time figures.
     */
    @Override
    public void onTrace(Trace trace, Findings out) {
        Map<String, List<SpanRecorded>> children = new HashMap<>();
        for (SpanRecorded span : trace.spans()) {
            if (span.parentSpanId() != null && !span.parentSpanId().isEmpty()) {
                children.computeIfAbsent(span.parentSpanId(), k -> new ArrayList<>()).add(span);
            }
        }
        for (SpanRecorded span : trace.spans()) {
            List<SpanRecorded> calls = children.get(span.spanId());
            if (calls == null || !Trace.isStep(span) || span.handler() == null || span.service() == null) {
                continue;
            }
            Instant end = span.start().plusNanos((long) (span.durationMs() * 1_000_000));
            String version = span.version() == null ? "" : span.version();
            LatencyShiftTracker.Shift shift = tracker.observe(selfKey(span.service(), span.handler()), version, end,
                    selfTime(span, calls), span.traceId());
            if (shift == null) {
                continue;
            }
            String fingerprint = Finding.fingerprintOf(Capability.PERFORMANCE, span.service(), span.handler(),
                    SIGNATURE);
            Instant detectedAt = end.isAfter(watermark) ? end : watermark;
            if (gate.allow(fingerprint, detectedAt)) {
                out.raise(finding(span.service(), span.handler(), shift, detectedAt, true));
            }
        }
    }

    /** The span's duration not covered by any child (children's intervals merged, clipped to the span's). */
    static double selfTime(SpanRecorded span, List<SpanRecorded> calls) {
        long start = nanos(span.start());
        long end = start + (long) (span.durationMs() * 1_000_000);
        long[][] intervals = new long[calls.size()][];
        for (int i = 0; i < calls.size(); i++) {
            long childStart = Math.max(start, nanos(calls.get(i).start()));
            long childEnd = Math.min(end, nanos(calls.get(i).start()) + (long) (calls.get(i).durationMs() * 1_000_000));
            intervals[i] = new long[] {childStart, Math.max(childStart, childEnd)};
        }
        Arrays.sort(intervals, (a, b) -> Long.compare(a[0], b[0]));
        long covered = 0;
        long reach = start;
        for (long[] interval : intervals) {
            long from = Math.max(reach, interval[0]);
            if (interval[1] > from) {
                covered += interval[1] - from;
                reach = interval[1];
            }
        }
        return Math.max(0, (end - start) - covered) / 1_000_000.0;
    }

    private static long nanos(Instant time) {
        return time.getEpochSecond() * 1_000_000_000L + time.getNano();
    }

    private Finding finding(String service, String handler, LatencyShiftTracker.Shift shift, Instant detectedAt) {
        return finding(service, handler, shift, detectedAt, false);
    }

    private Finding finding(String service, String handler, LatencyShiftTracker.Shift shift, Instant detectedAt,
            boolean selfTime) {
        ShiftTest.Result r = shift.result();
        double ratio = r.ratio();
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("baseline.p50Ms", r.baselineP50());
        figures.put("baseline.p95Ms", r.baselineP95());
        figures.put("baseline.p99Ms", r.baselineP99());
        figures.put("baseline.samples", (double) r.baselineCount());
        figures.put("observed.p50Ms", r.observedP50());
        figures.put("observed.p95Ms", r.observedP95());
        figures.put("observed.p99Ms", r.observedP99());
        figures.put("observed.samples", (double) r.samples());
        figures.put("p95Ratio", ratio);
        figures.put("pValue", r.p());
        figures.put("heldBackSamples", (double) shift.held());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("baseline.version", shift.baselineVersion());
        details.put("observed.version", shift.observedVersion());
        // The plural forms are what healer-service's diagnosis reads (versions of each window, comma-separated):
        // a version in the observed window that the baseline never ran is the release to roll back.
        details.put("baseline.versions", shift.baselineVersion());
        details.put("observed.versions", shift.observedVersion());
        if (shift.slot() != null) {
            details.put("baseline.slot", shift.slot());
        }
        details.put("since", shift.since().toString());
        String versions = shift.baselineVersion().equals(shift.observedVersion())
                ? "version " + shift.observedVersion()
                : "version " + shift.observedVersion() + " vs " + shift.baselineVersion();
        details.put("measure", selfTime ? "self time" : "latency");
        String summary = String.format(Locale.ROOT, "%s of %s is %.1fx slower at p95%s (%.0f ms vs %.0f ms, %s)",
                handler, service, ratio, selfTime ? " in its own code (self time)" : "", r.observedP95(),
                r.baselineP95(), versions);
        return new Finding(Capability.PERFORMANCE, service, shift.observedVersion(), handler, SIGNATURE, ratio,
                severity(ratio), summary, shift.onset(), detectedAt, figures, details, shift.slowestTraceIds());
    }

    private Severity severity(double ratio) {
        if (ratio >= settings.criticalRatio()) {
            return Severity.CRITICAL;
        }
        if (ratio >= settings.highRatio()) {
            return Severity.HIGH;
        }
        return ratio >= settings.mediumRatio() ? Severity.MEDIUM : Severity.LOW;
    }

    @Override
    public void feedback(Feedback feedback) {
        if (feedback.capability() == Capability.PERFORMANCE && SIGNATURE.equals(feedback.signature())
                && feedback.verdict() == Feedback.Verdict.FALSE_POSITIVE) {
            tracker.accept(key(feedback.service(), feedback.handler()));
            tracker.accept(selfKey(feedback.service(), feedback.handler()));
        }
    }

    @Override
    public JsonNode snapshot(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("watermark", watermark.toString());
        root.set("latency", tracker.snapshot(mapper));
        root.set("gate", gate.snapshot(mapper));
        return root;
    }

    @Override
    public void restore(JsonNode snapshot, ObjectMapper mapper) {
        watermark = Instant.parse(snapshot.path("watermark").asText(Instant.EPOCH.toString()));
        tracker.restore(snapshot.path("latency"), mapper);
        gate.restore(snapshot.path("gate"), mapper);
    }

    private static String key(String service, String handler) {
        return service + '\u001f' + handler;
    }

    private static String selfKey(String service, String handler) {
        return "self" + '\u001f' + service + '\u001f' + handler;
    }
}
