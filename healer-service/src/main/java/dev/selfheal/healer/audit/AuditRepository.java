package dev.selfheal.healer.audit;

import dev.selfheal.contracts.v1.FixStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Appends to and reads the audit trail; it has no way to change or remove an entry. */
@ApplicationScoped
public class AuditRepository implements PanacheRepositoryBase<AuditEntry, Long> {

    public Uni<AuditEntry> decision(String fixId, Decision decision, String actor, String comment, Instant at) {
        AuditEntry entry = entry(fixId, AuditKind.DECISION, actor, comment, at);
        entry.decision = decision;
        return persist(entry);
    }

    public Uni<AuditEntry> transition(String fixId, FixStatus from, FixStatus to, String actor, String why, Instant at) {
        AuditEntry entry = entry(fixId, AuditKind.TRANSITION, actor, why, at);
        entry.fromStatus = from;
        entry.toStatus = to;
        return persist(entry);
    }

    /** A fix's trail in the order it was written. */
    public Uni<List<AuditEntry>> trail(String fixId) {
        return find("fixId", Sort.ascending("id"), fixId).list();
    }

    /** The trails of several fixes at once, each in the order it was written. */
    public Uni<List<AuditEntry>> trails(List<String> fixIds) {
        if (fixIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return find("fixId in ?1", Sort.ascending("id"), fixIds).list();
    }

    private static AuditEntry entry(String fixId, AuditKind kind, String actor, String comment, Instant at) {
        AuditEntry entry = new AuditEntry();
        entry.fixId = fixId;
        entry.kind = kind;
        entry.actor = actor;
        entry.comment = comment;
        entry.occurredAt = at;
        return entry;
    }
}
