package dev.selfheal.detector.latency;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A watched handler's learned latency, as the REST API shows it. Percentiles are absent while there are no samples for them. */
@Schema(description = "A handler's learned latency baseline and its latest observed window")
public record HandlerBaselineView(
        @Schema(description = "Service", examples = "checkout") String service,
        @Schema(description = "Handler", examples = "POST /orders") String handler,
        @Schema(description = "LEARNING (baseline too small for a verdict), STEADY or SHIFTED") LatencyState state,
        @Schema(description = "Samples consumed so far") long samples,
        @Schema(description = "Samples in the current baseline") int baselineSamples,
        @Schema(description = "Baseline median, ms") Double baselineP50Ms,
        @Schema(description = "Baseline 95th percentile, ms") Double baselineP95Ms,
        @Schema(description = "Samples in the observed window") int recentSamples,
        @Schema(description = "Observed window's median, ms") Double recentP50Ms,
        @Schema(description = "Observed window's 95th percentile, ms") Double recentP95Ms,
        @Schema(description = "One-sided Mann-Whitney p-value of the last evaluation") Double pValue,
        @Schema(description = "Start of the latest sample") Instant lastSampleStart,
        @Schema(description = "When the handler was last evaluated") Instant evaluatedAt) {

    static HandlerBaselineView of(HandlerLatency h) {
        return new HandlerBaselineView(h.service, h.handler, h.state, h.samples, h.baselineSamples, h.baselineP50Ms,
                h.baselineP95Ms, h.recentSamples, h.recentP50Ms, h.recentP95Ms, h.pValue, h.lastSampleStart,
                h.evaluatedAt);
    }
}
