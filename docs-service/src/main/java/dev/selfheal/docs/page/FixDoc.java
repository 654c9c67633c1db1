package dev.selfheal.docs.page;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A fix applied to the service, as its documentation records it.
 *
 * @param fixId      the fix, as healer-service names it
 * @param title      one line describing the change
 * @param status     ROLLED_OUT or VERIFIED
 * @param playbook   the playbook that produced it
 * @param handler    the handler it changed
 * @param capability the kind of problem it answered, e.g. PERFORMANCE
 * @param approvedBy who approved it
 * @param at         when it was rolled out
 * @param diagnosis  why the healer believed this was the cause
 */
@Schema(description = "A fix applied to the service")
public record FixDoc(
        String fixId,
        String title,
        String status,
        String playbook,
        String handler,
        String capability,
        String approvedBy,
        Instant at,
        String diagnosis,
        @Schema(description = "The healer's documentation note for the fix (Markdown), when it sent one")
        String note) {

    /** A documented fix without the healer's note. */
    public FixDoc(String fixId, String title, String status, String playbook, String handler, String capability,
            String approvedBy, Instant at, String diagnosis) {
        this(fixId, title, status, playbook, handler, capability, approvedBy, at, diagnosis, null);
    }
}
