package dev.selfheal.detector.silence;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.detection.engine.Finding;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * While active, new incidents it matches are recorded but not announced (no anomaly, so no fix proposal). A
 * matcher left empty matches anything; at least one is set.
 */
@Entity
@Table(name = "silence")
public class Silence extends PanacheEntityBase {

    @Id
    public String id;

    @Enumerated(EnumType.STRING)
    public Capability capability;

    public String service;

    public String handler;

    public String signature;

    public String reason;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    public boolean matches(Finding finding) {
        return (capability == null || capability == finding.capability())
                && (service == null || service.equals(finding.service()))
                && (handler == null || handler.equals(finding.handler()))
                && (signature == null || signature.equals(finding.signature()));
    }

    public boolean activeAt(Instant now) {
        return expiresAt.isAfter(now);
    }
}
