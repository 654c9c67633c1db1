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
import java.util.LinkedHashMap;
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

    private Finding finding(String service, String handler, LatencyShiftTracker.Shift shift, Instant detectedAt) {
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
        if (shift.slot() != null) {
            details.put("baseline.slot", shift.slot());
        }
        details.put("since", shift.since().toString());
        String versions = shift.baselineVersion().equals(shift.observedVersion())
                ? "version " + shift.observedVersion()
                : "version " + shift.observedVersion() + " vs " + shift.baselineVersion();
        String summary = String.format(Locale.ROOT, "%s of %s is %.1fx slower at p95 (%.0f ms vs %.0f ms, %s)",
                handler, service, ratio, r.observedP95(), r.baselineP95(), versions);
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
}
