package dev.selfheal.docs.page;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A service docs-service has heard of, with how far its documentation lags behind its model: consumers count
 * their changes, a regeneration records the counts it documented.
 */
@Entity
@Table(name = "documented_service")
public class DocumentedService extends PanacheEntityBase {

    @Id
    public String service;

    @Column(name = "telemetry_changes")
    public long telemetryChanges;

    @Column(name = "fix_changes")
    public long fixChanges;

    @Column(name = "documented_telemetry_changes")
    public long documentedTelemetryChanges;

    @Column(name = "documented_fix_changes")
    public long documentedFixChanges;

    @Column(name = "latest_version")
    public int latestVersion;

    @Column(name = "latest_generated_at")
    public Instant latestGeneratedAt;

    boolean fixesChanged() {
        return fixChanges > documentedFixChanges;
    }

    boolean changed() {
        return fixesChanged() || telemetryChanges > documentedTelemetryChanges;
    }
}
