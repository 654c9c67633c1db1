package dev.selfheal.healer.fix;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One state a fix went through. */
@Schema(description = "A state the fix entered, when, by whom and why")
public record StepView(
        @Schema(description = "The state entered", examples = "ROLLED_OUT") String status,
        @Schema(description = "When") Instant at,
        @Schema(description = "Who caused it: a person, or selfheal") String actor,
        @Schema(description = "Why, or what the step did") String note) {
}
