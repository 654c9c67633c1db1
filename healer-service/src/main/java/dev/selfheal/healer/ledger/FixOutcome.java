package dev.selfheal.healer.ledger;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** How one fix ended: verified, or not (rolled back, failed to roll out). One row per fix, never changed. */
@Entity
@Table(name = "fix_outcome")
public class FixOutcome extends PanacheEntityBase {

    @Id
    @Column(name = "fix_id")
    public String fixId;

    public String playbook;

    public String capability;

    public String service;

    public boolean succeeded;

    /** When the detector decided there was a problem. */
    @Column(name = "detected_at")
    public Instant detectedAt;

    @Column(name = "rolled_out_at")
    public Instant rolledOutAt;

    /** When the outcome was decided: verified, or found not to help. */
    @Column(name = "decided_at")
    public Instant decidedAt;

    /** From detection to the verified fix; null for a fix that did not work. */
    @Column(name = "seconds_to_fix")
    public Double secondsToFix;
}
