package dev.selfheal.healer.fix;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A fix proposal in a list. */
@Schema(description = "A fix proposal: what it changes, why, and the state it is in")
public record FixSummary(
        @Schema(description = "The fix's id") String id,
        @Schema(description = "The anomaly it answers") String anomalyId,
        @Schema(description = "The anomaly's capability", examples = "PERFORMANCE") String capability,
        @Schema(description = "PENDING_APPROVAL, APPROVED, REJECTED, ROLLED_OUT, ...") String status,
        @Schema(description = "The service the fix changes", examples = "checkout") String service,
        @Schema(description = "The version the anomaly was seen in", examples = "1.4.2") String version,
        @Schema(description = "The handler at fault", examples = "POST /orders") String handler,
        @Schema(description = "The anomaly's severity") String severity,
        @Schema(description = "The playbook that proposed it", examples = "performance.rollback-version") String playbook,
        @Schema(description = "One line describing the change") String title,
        @Schema(description = "Why the healer believes this is the cause, with the figures") String diagnosis,
        @Schema(description = "LOW, MEDIUM or HIGH") String risk,
        @Schema(description = "Distinct approvals needed") int approvalsRequired,
        @Schema(description = "Approvals given so far") int approvals,
        @Schema(description = "When the proposal expires unless decided") Instant expiresAt,
        @Schema(description = "The latest decision on it") DecisionView decision,
        @Schema(description = "When it was proposed") Instant createdAt,
        @Schema(description = "When its state last changed") Instant updatedAt) {
}
