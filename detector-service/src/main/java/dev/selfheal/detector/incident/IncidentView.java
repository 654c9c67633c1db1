package dev.selfheal.detector.incident;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.Severity;
import dev.selfheal.detection.engine.Feedback;
import dev.selfheal.detector.anomaly.EvidenceView;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An incident as the REST API shows it. */
@Schema(description = "A problem: the findings of one fingerprint while they keep coming")
public record IncidentView(
        @Schema(description = "Incident id") String id,
        @Schema(description = "Hash of capability, service, handler and signature") String fingerprint,
        @Schema(description = "Capability that found it", examples = "ERROR") Capability capability,
        @Schema(description = "Affected service (for a dependency: the caller)", examples = "checkout") String service,
        @Schema(description = "Affected handler (for a dependency: the target)", examples = "POST /orders") String handler,
        @Schema(description = "What tells it apart within capability and handler", examples = "latency") String signature,
        @Schema(description = "Version of the latest finding", examples = "1.1.0") String version,
        @Schema(description = "OPEN while findings join it, RESOLVED after") IncidentStatus status,
        @Schema(description = "Highest severity of its findings") Severity severity,
        @Schema(description = "Highest score of its findings") double score,
        @Schema(description = "How many findings joined it") int findings,
        @Schema(description = "The latest finding's sentence") String summary,
        @Schema(description = "The latest finding's evidence") EvidenceView evidence,
        @Schema(description = "Event time of the first evidence") Instant onset,
        @Schema(description = "Event time of the first finding") Instant firstSeen,
        @Schema(description = "Event time of the latest finding") Instant lastSeen,
        @Schema(description = "When it was opened (wall clock)") Instant openedAt,
        @Schema(description = "When it was resolved (wall clock)") Instant resolvedAt,
        @Schema(description = "Why it was resolved: QUIET or FALSE_POSITIVE") Resolution resolution,
        @Schema(description = "The silence that kept it from being announced") String silenceId,
        @Schema(description = "The anomaly that announced it on selfheal.anomalies.v1") String anomalyId,
        @Schema(description = "The latest verdict people gave") Feedback.Verdict feedback) {

    static IncidentView of(Incident i) {
        return new IncidentView(i.id, i.fingerprint, i.capability, i.service, i.handler, i.signature, i.version,
                i.status, i.severity, i.score, i.findings, i.summary,
                new EvidenceView(i.figures, i.details, i.exampleTraceIds), i.onset, i.firstSeen, i.lastSeen,
                i.openedAt, i.resolvedAt, i.resolution, i.silenceId, i.anomalyId, i.feedback);
    }
}
