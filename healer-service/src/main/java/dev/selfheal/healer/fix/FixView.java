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
        @Schema(description = "The detector's incident the anomaly opened") String incidentId,
        @Schema(description = "What tells the problem apart, e.g. an error signature") String signature,
        @Schema(description = "The diagnosis's root-cause candidates, most likely first") List<CandidateView> candidates,
        @Schema(description = "LOW, MEDIUM or HIGH; high-risk fixes need two approvers") String risk,
        @Schema(description = "What the fix changes and why it should help") String change,
        @Schema(description = "The first runtime action, or the code change when there is none") ActionView action,
        @Schema(description = "Every runtime action on Kubernetes, in order") List<ActionView> actions,
        @Schema(description = "Code diff, generated tests and documentation note") List<ArtifactView> artifacts,
        @Schema(description = "The checks before rollout and how the fix is verified after it") List<String> validationPlan,
        @Schema(description = "The results of the checks run before the proposal reached a person") List<CheckView> validation,
        @Schema(description = "Other plans that applied, best first") List<AlternativeView> alternatives,
        @Schema(description = "The repository commit the code artifacts were made against") String sourceCommit,
        @Schema(description = "Distinct approvals needed") int approvalsRequired,
        @Schema(description = "Approvals given so far") int approvals,
        @Schema(description = "When the proposal expires unless decided") Instant expiresAt,
        @Schema(description = "Rolled out without an approver: the playbook is enabled and clears the ledger's bar") boolean unattended,
        @Schema(description = "The decisions taken on it, oldest first") List<DecisionView> decisions,
        @Schema(description = "What the rollout target did, once approved") RolloutView rollout,
        @Schema(description = "The verification after rollout") VerificationView verification,
        @Schema(description = "Each state it entered, oldest first") List<StepView> steps,
        @Schema(description = "When it was proposed") Instant createdAt,
        @Schema(description = "When its state last changed") Instant updatedAt) {
}
