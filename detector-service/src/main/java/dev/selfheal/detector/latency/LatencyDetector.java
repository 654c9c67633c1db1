package dev.selfheal.detector.latency;

import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.detector.anomaly.AnomalyService;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * The latency detector: stores each span's duration as a sample of its handler and re-evaluates that handler
 * straight away, testing its latest samples against the samples before them.
 *
 * <p>Evaluating on every new sample, rather than periodically, matters: once a regression has lasted longer
 * than the observed window, its samples move into the baseline and raise its p95, and the shift is no longer
 * visible. Each evaluation is one indexed read of at most window-plus-baseline samples.
 */
@ApplicationScoped
public class LatencyDetector {

    private final LatencySampleRepository samples;
    private final HandlerLatencyRepository handlers;
    private final AnomalyService anomalies;
    private final LatencyConfig config;
    private final MeterRegistry registry;
    private final LatencyShiftTest shiftTest;
    private final SeverityScale severities;

    public LatencyDetector(LatencySampleRepository samples, HandlerLatencyRepository handlers,
            AnomalyService anomalies, LatencyConfig config, MeterRegistry registry) {
        this.samples = samples;
        this.handlers = handlers;
        this.anomalies = anomalies;
        this.config = config;
        this.registry = registry;
        this.shiftTest = new LatencyShiftTest(config.alpha(), config.minRatio(), config.minIncreaseMs(),
                config.minBaselineSamples());
        this.severities = new SeverityScale(config.severity().mediumRatio(), config.severity().highRatio(),
                config.severity().criticalRatio());
    }

    /**
     * Learns from one span and evaluates its handler; a span already stored changes nothing. Call in a
     * transaction: the consumer's, which also records the event as processed.
     */
    public Uni<Void> record(SpanRecorded span) {
        return SampleRules.problem(span)
                .<Uni<Void>>map(problem -> Uni.createFrom().failure(new IllegalArgumentException(problem)))
                .orElseGet(() -> samples.insertIfAbsent(span)
                        .chain(inserted -> inserted ? learnFrom(span) : Uni.createFrom().voidItem()));
    }

    private Uni<Void> learnFrom(SpanRecorded span) {
        return handlers.countSample(span.service(), span.handler(), span.start())
                .chain(() -> handlers.find(span.service(), span.handler()))
                .chain(handler -> samples.latest(span.service(), span.handler(),
                                config.windowSize() + config.baselineSize())
                        .chain(latest -> evaluate(handler, latest)))
                .invoke(() -> registry.counter("selfheal.detector.samples", "service", span.service()).increment());
    }

    private Uni<Void> evaluate(HandlerLatency handler, List<LatencyPoint> newestFirst) {
        LatencyWindows windows = LatencyWindows.split(newestFirst, config.windowSize(), config.baselineSize());
        LatencyVerdict verdict = shiftTest.evaluate(windows.baselineDurations(), windows.observedDurations());
        Instant now = Instant.now();
        handler.record(verdict, now);
        if (!verdict.shifted()) {
            return Uni.createFrom().voidItem();
        }
        return anomalies.raise(LatencyFinding.describe(handler.service, handler.handler, windows, verdict,
                        severities, config.exampleTraces()), now, config.cooldown())
                .replaceWithVoid();
    }
}
