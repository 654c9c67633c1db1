package dev.selfheal.healer.fix;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The verification of a rolled-out fix. */
@Schema(description = "How the fix is being, or was, verified against telemetry")
public record VerificationView(
        @Schema(description = "Findings from here on count against the fix") Instant watchFrom,
        @Schema(description = "The end of the verification window") Instant watchUntil,
        @Schema(description = "When the problem came back, if it did") Instant recurredAt,
        @Schema(description = "When the verification concluded") Instant concludedAt,
        @Schema(description = "What it concluded, in words") String conclusion) {
}
