package dev.selfheal.healer.ledger;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The learning ledger: success per playbook, capability and service, and the bar for unattended rollout. */
@Schema(description = "Which fixes work: outcomes per playbook, capability and service")
public record LedgerView(
        @Schema(description = "The probability of the credible intervals", examples = "0.9") double level,
        @Schema(description = "The interval's lower end a playbook must reach to run unattended") double unattendedMinSuccess,
        @Schema(description = "The fewest outcomes a playbook needs to run unattended") int unattendedMinOutcomes,
        @Schema(description = "All outcomes") LedgerRow overall,
        @Schema(description = "Per playbook, most successful first; playbooks without outcomes too") List<LedgerRow> playbooks,
        @Schema(description = "Per capability") List<LedgerRow> capabilities,
        @Schema(description = "Per service") List<LedgerRow> services) {
}
