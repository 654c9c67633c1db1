package dev.selfheal.healer.audit;

import dev.selfheal.contracts.v1.FixStatus;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * One line of a fix's audit trail. The table refuses updates and deletes (a database trigger), and Hibernate is
 * told so, so an entry once written stays as it was.
 */
@Entity
@Immutable
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "fix_id")
    public String fixId;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    public String actor;

    @Enumerated(EnumType.STRING)
    public AuditKind kind;

    @Enumerated(EnumType.STRING)
    public Decision decision;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public FixStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status")
    public FixStatus toStatus;

    public String comment;
}
