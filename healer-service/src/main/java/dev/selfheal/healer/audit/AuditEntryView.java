package dev.selfheal.healer.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One line of a fix's audit trail as the REST API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "An audit entry: a decision or a state transition, with who, when and why")
public record AuditEntryView(
        @Schema(description = "Position in the trail; entries are never changed or removed") long sequence,
        @Schema(description = "DECISION or TRANSITION") String kind,
        @Schema(description = "When it happened") Instant at,
        @Schema(description = "Who: the approver's name, or selfheal for automatic steps") String actor,
        @Schema(description = "APPROVE or REJECT, for decisions") String decision,
        @Schema(description = "The state left, for transitions") String fromStatus,
        @Schema(description = "The state entered, for transitions") String toStatus,
        @Schema(description = "Why: the approver's comment or what the automatic step did") String comment) {

    public static AuditEntryView of(AuditEntry e) {
        return new AuditEntryView(e.id, e.kind.name(), e.occurredAt, e.actor,
                e.decision == null ? null : e.decision.name(),
                e.fromStatus == null ? null : e.fromStatus.name(),
                e.toStatus == null ? null : e.toStatus.name(),
                e.comment);
    }
}
