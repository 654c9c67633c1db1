package dev.selfheal.healer.fix;

import dev.selfheal.healer.audit.Decision;
import dev.selfheal.platform.problem.FieldError;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An approver's verdict, the body of {@code POST /api/fixes/{id}/approval}. */
@Schema(description = "A decision on a fix pending approval")
public record ApprovalRequest(
        @Schema(description = "APPROVE or REJECT", examples = "APPROVE", required = true,
                enumeration = {"APPROVE", "REJECT"}) String decision,
        @Schema(description = "Why; kept in the audit trail", examples = "p95 doubled after 1.4.2, roll back")
        String comment) {

    /** What is wrong with a request (null when there was no body at all); empty when it can be decided. */
    public static List<FieldError> errors(ApprovalRequest request, int maxCommentLength) {
        List<FieldError> errors = new ArrayList<>();
        if (request == null) {
            errors.add(new FieldError("body", "is required: {\"decision\":\"APPROVE\"|\"REJECT\",\"comment\":\"...\"}"));
            return errors;
        }
        if (request.decision() == null || request.decision().isBlank()) {
            errors.add(new FieldError("decision", "is required (APPROVE or REJECT)"));
        } else if (!request.decision().equals("APPROVE") && !request.decision().equals("REJECT")) {
            errors.add(new FieldError("decision", "must be APPROVE or REJECT, not '" + request.decision() + "'"));
        }
        if (request.comment() != null && request.comment().length() > maxCommentLength) {
            errors.add(new FieldError("comment", "must be at most " + maxCommentLength + " characters"));
        }
        return errors;
    }

    /** The decision of a request {@link #errors} found nothing wrong with. */
    public Decision verdict() {
        return Decision.valueOf(decision);
    }

    /** The comment without surrounding blanks, or null when there is none. */
    public String cleanComment() {
        return comment == null || comment.isBlank() ? null : comment.strip();
    }
}
