package dev.selfheal.healer.fix;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A person's decision on a fix. */
@Schema(description = "Who decided, when, what and why")
public record DecisionView(
        @Schema(description = "APPROVE or REJECT") String decision,
        @Schema(description = "The approver's name from the token (upn, preferred_username or sub)") String decidedBy,
        @Schema(description = "When") Instant decidedAt,
        @Schema(description = "The approver's comment") String comment) {
}
