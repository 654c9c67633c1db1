package dev.selfheal.detector.anomaly;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.Severity;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.DynamicUpdate;

/**
 * An anomaly as stored in the detector schema; it is also the outbox entry of its event until published.
 *
 * <p>Updates write only the columns that changed: a detector confirming an open anomaly and the outbox marking
 * it published touch the same row concurrently, and writing every column would let the confirmation put back
 * the {@code published_at} it read before the outbox committed, so the event would be published again.
 */
@Entity
@Table(name = "anomaly")
@DynamicUpdate
public class Anomaly extends PanacheEntityBase {

    /** The anomaly id, also the CloudEvent id of its event. */
    @Id
    public String id;

    @Enumerated(EnumType.STRING)
    public Capability capability;

    public String service;

    public String handler;

    public String version;

    @Column(name = "detected_at")
    public Instant detectedAt;

    @Column(name = "last_confirmed_at")
    public Instant lastConfirmedAt;

    /** How many evaluations found this shift while the anomaly was open, the first included. */
    public int confirmations;

    @Column(name = "open_until")
    public Instant openUntil;

    public double score;

    @Enumerated(EnumType.STRING)
    public Severity severity;

    public String summary;

    @Convert(converter = JsonColumns.Figures.class)
    public Map<String, Double> figures;

    @Convert(converter = JsonColumns.Details.class)
    public Map<String, String> details;

    @Convert(converter = JsonColumns.TraceIds.class)
    @Column(name = "example_trace_ids")
    public List<String> exampleTraceIds;

    /** The incident this anomaly announced. */
    @Column(name = "incident_id")
    public String incidentId;

    /** What tells the problem apart within capability and handler (see Finding.signature). */
    public String signature;

    /** When Kafka acknowledged its event; null while it waits in the outbox. */
    @Column(name = "published_at")
    public Instant publishedAt;

    static Anomaly open(String id, NewAnomaly finding, Instant now, Duration openFor) {
        Anomaly a = new Anomaly();
        a.id = id;
        a.incidentId = finding.incidentId();
        a.signature = finding.signature();
        a.capability = finding.capability();
        a.service = finding.service();
        a.handler = finding.handler();
        a.version = finding.version();
        a.detectedAt = now;
        a.lastConfirmedAt = now;
        a.confirmations = 1;
        a.openUntil = now.plus(openFor);
        a.score = finding.score();
        a.severity = finding.severity();
        a.summary = finding.summary();
        a.figures = finding.figures();
        a.details = finding.details();
        a.exampleTraceIds = finding.exampleTraceIds();
        return a;
    }

    /** More findings of its incident: keeps it open for another {@code openFor}. */
    public void confirm(int findings, Instant now, Duration openFor) {
        confirmations += findings;
        lastConfirmedAt = now;
        openUntil = now.plus(openFor);
    }

    /** Its incident was resolved (quiet, or judged a false positive). */
    public void close(Instant now) {
        if (openUntil.isAfter(now)) {
            openUntil = now;
        }
    }

    /** Kafka acknowledged its event: it leaves the outbox. */
    void published(Instant at) {
        publishedAt = at;
    }

    boolean isOpen(Instant now) {
        return openUntil.isAfter(now);
    }
}
