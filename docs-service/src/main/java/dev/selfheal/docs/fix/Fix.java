package dev.selfheal.docs.fix;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A fix as docs-service knows it: the merge of the FixEvents seen for it. */
@Entity
@Table(name = "fix")
public class Fix extends PanacheEntityBase {

    @Id
    @Column(name = "fix_id")
    public String fixId;

    public String service;

    public String handler;

    public String capability;

    @Column(name = "anomaly_id")
    public String anomalyId;

    public String status;

    @Column(name = "status_at")
    public Instant statusAt;

    public String title;

    public String diagnosis;

    public String playbook;

    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "approved_at")
    public Instant approvedAt;

    @Column(name = "rolled_out_at")
    public Instant rolledOutAt;

    /** The healer's documentation note for the fix (Markdown), when it sent one. */
    public String note;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
