package dev.selfheal.healer.rollout;

import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A rollout as the REST API shows it. */
@Schema(description = "What the rollout target changed, or would have changed, and when")
public record RolloutView(
        @Schema(description = "The kind of thing changed", examples = "Deployment") String targetKind,
        @Schema(description = "Its Kubernetes namespace", examples = "default") String namespace,
        @Schema(description = "Its name", examples = "checkout") String target,
        @Schema(description = "The action", examples = "rollback") String action,
        @Schema(description = "The action's settings") Map<String, String> parameters,
        @Schema(description = "How the target worked; record-only touches no cluster") String mode,
        @Schema(description = "SUCCEEDED or FAILED") String outcome,
        @Schema(description = "What was done, in words") String detail,
        @Schema(description = "When the target started") Instant startedAt,
        @Schema(description = "When the target finished") Instant completedAt) {

    public static RolloutView of(RolloutRecord r) {
        return new RolloutView(r.targetKind, r.namespace, r.target, r.action, r.parameters, r.mode, r.outcome,
                r.detail, r.startedAt, r.completedAt);
    }
}
