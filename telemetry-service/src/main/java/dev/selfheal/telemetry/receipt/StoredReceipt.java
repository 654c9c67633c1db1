package dev.selfheal.telemetry.receipt;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The receipt of one ingest request, as stored in the telemetry schema. */
@Entity
@Table(name = "receipt")
public class StoredReceipt extends PanacheEntityBase {

    @Id
    public String id;

    public String endpoint;

    /** Service names, one per line. */
    public String services;

    @Column(name = "received_at")
    public Instant receivedAt;

    public int status;

    public int accepted;

    public int rejected;

    /** Reasons, one per line. */
    public String reasons;
}
