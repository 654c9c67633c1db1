package dev.selfheal.healer.ledger;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code PUT /api/ledger/playbooks/{playbook}}. */
@Schema(description = "Whether a playbook's fixes may roll out without an approver once its success rate clears the bar")
public record PlaybookSettingRequest(
        @Schema(description = "true to allow unattended rollout, false to require an approver again", required = true)
        Boolean unattended) {
}
