package dev.selfheal.detector.anomaly;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.Severity;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An anomaly as the REST API shows it. */
@Schema(description = "A detector's finding with the evidence behind it")
public record AnomalyView(
        @Schema(description = "Anomaly id, also the id of its CloudEvent") String anomalyId,
        @Schema(description = "Capability that found it", examples = "PERFORMANCE") Capability capability,
        @Schema(description = "Affected service", examples = "checkout") String service,
        @Schema(description = "Affected handler", examples = "POST /orders") String handler,
        @Schema(description = "Version the problem was observed in", examples = "1.1.0") String version,
        @Schema(description = "When it was first detected") Instant detectedAt,
        @Schema(description = "When the detector last found the same problem") Instant lastConfirmedAt,
        @Schema(description = "How many evaluations found it while it was open") int confirmations,
        @Schema(description = "Until when the same problem only confirms this anomaly") Instant openUntil,
        @Schema(description = "Whether it is still open") boolean open,
        @Schema(description = "Strength of the finding, higher is stronger; for latency the observed/baseline p95 ratio") double score,
        @Schema(description = "How urgent it is") Severity severity,
        @Schema(description = "One sentence a person can read") String summary,
        @Schema(description = "Figures, facts and example traces behind the finding") EvidenceView evidence,
        @Schema(description = "When Kafka acknowledged its event; absent while it waits to be published") Instant publishedAt,
        @Schema(description = "The incident it announced") String incidentId,
        @Schema(description = "What tells the problem apart within capability and handler", examples = "latency") String signature) {
}
