package dev.selfheal.healer.ledger;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One line of the ledger: how fixes of one playbook, capability or service fared. */
@Schema(description = "Outcomes of one playbook, capability or service, with the success rate's uncertainty")
public record LedgerRow(
        @Schema(description = "The playbook, capability or service", examples = "dependency.circuit-breaker") String key,
        @Schema(description = "Fixes that reached an outcome") int outcomes,
        @Schema(description = "Verified fixes") int successes,
        @Schema(description = "Fixes rolled back or that could not be rolled out") int failures,
        @Schema(description = "Estimated success rate: the posterior mean under Jeffreys' prior") double successRate,
        @Schema(description = "Lower end of the success rate's credible interval") double low,
        @Schema(description = "Upper end of the success rate's credible interval") double high,
        @Schema(description = "Median seconds from detection to a verified fix; null without one") Double medianSecondsToFix,
        @Schema(description = "90th percentile of seconds from detection to a verified fix; null without one") Double p90SecondsToFix,
        @Schema(description = "Playbooks only: an operator allowed unattended rollout") Boolean unattendedEnabled,
        @Schema(description = "Playbooks only: enabled and the success rate clears the bar, so its fixes roll out "
                + "without an approver") Boolean unattendedAllowed) {
}
