package dev.selfheal.healer.fix;

import dev.selfheal.healer.rollout.RolloutView;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Everything about one fix: the proposal, the evidence, the decision, the rollout and each step with its time. */
@Schema(description = "A fix proposal with its evidence, action, decisions, rollout and steps")
public record FixView(
        @Schema(description = "The fix's id") String id,
        @Schema(description = "The anomaly it answers") String anomalyId,
        @Schema(description = "The anomaly's capability") String capability,
        @Schema(description = "The state it is in") String status,
        @Schema(description = "The service the fix changes") String service,
        @Schema(description = "The version the anomaly was seen in") String version,
        @Schema(description = "The handler at fault") String handler,
        @Schema(description = "The anomaly's severity") String severity,
        @Schema(description = "The anomaly's score; for latency the p95 ratio") double score,
        @Schema(description = "The detector's summary") String anomalySummary,
        @Schema(description = "When the detector decided") Instant detectedAt,
        @Schema(description = "The playbook that proposed it") String playbook,
        @Schema(description = "One line describing the change") String title,
        @Schema(description = "Why the healer believes this is the cause") String diagnosis,
        EvidenceView evidence,
        ActionView action,
        @Schema(description = "The decisions taken on it; at most one") List<DecisionView> decisions,
        @Schema(description = "What the rollout target did, once approved") RolloutView rollout,
        @Schema(description = "Each state it entered, oldest first") List<StepView> steps,
        @Schema(description = "When it was proposed") Instant createdAt,
        @Schema(description = "When its state last changed") Instant updatedAt) {
}
