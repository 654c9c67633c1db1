package dev.selfheal.healer.fix;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Another plan that applied to the same diagnosis. */
@Schema(description = "A plan that was not chosen, and how it ranked")
public record AlternativeView(
        @Schema(description = "Its playbook") String playbook,
        @Schema(description = "Its title") String title,
        @Schema(description = "Its risk") String risk,
        @Schema(description = "Its rank: the cause's confidence times the playbook's success rate") double rank) {
}
