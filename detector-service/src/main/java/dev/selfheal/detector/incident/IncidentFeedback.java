package dev.selfheal.detector.incident;

import dev.selfheal.detection.engine.Feedback;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A person's verdict on an incident, kept for good (append-only). */
@Entity
@Table(name = "incident_feedback")
public class IncidentFeedback extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "incident_id")
    public String incidentId;

    @Enumerated(EnumType.STRING)
    public Feedback.Verdict verdict;

    @Column(name = "given_by")
    public String givenBy;

    public String comment;

    @Column(name = "given_at")
    public Instant givenAt;
}
