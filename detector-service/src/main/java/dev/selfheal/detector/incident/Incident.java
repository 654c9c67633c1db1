package dev.selfheal.detector.incident;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.Severity;
import dev.selfheal.detection.engine.Finding;
import dev.selfheal.detector.anomaly.JsonColumns;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.DynamicUpdate;

/**
 * One problem, however many findings it took: the findings of one fingerprint while they keep coming. Event
 * times ({@code onset}, {@code firstSeen}, {@code lastSeen}) are the telemetry's; {@code openedAt},
 * {@code updatedAt} and {@code resolvedAt} are the wall clock.
 */
@Entity
@Table(name = "incident")
@DynamicUpdate
public class Incident extends PanacheEntityBase {

    @Id
    public String id;

    public String fingerprint;

    @Enumerated(EnumType.STRING)
    public Capability capability;

    public String service;

    public String handler;

    public String signature;

    /** The version the latest finding was observed in. */
    public String version;

    @Enumerated(EnumType.STRING)
    public IncidentStatus status;

    /** The highest severity of its findings (raised one level when people confirmed the same problem before). */
    @Enumerated(EnumType.STRING)
    public Severity severity;

    /** The highest score of its findings. */
    public double score;

    /** How many findings joined it. */
    public int findings;

    /** The latest finding's sentence. */
    public String summary;

    /** The latest finding's figures. */
    @Convert(converter = JsonColumns.Figures.class)
    public Map<String, Double> figures;

    @Convert(converter = JsonColumns.Details.class)
    public Map<String, String> details;

    @Convert(converter = JsonColumns.TraceIds.class)
    @Column(name = "example_trace_ids")
    public List<String> exampleTraceIds;

    public Instant onset;

    @Column(name = "first_seen")
    public Instant firstSeen;

    @Column(name = "last_seen")
    public Instant lastSeen;

    @Column(name = "opened_at")
    public Instant openedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Enumerated(EnumType.STRING)
    public Resolution resolution;

    @Column(name = "silence_id")
    public String silenceId;

    @Column(name = "anomaly_id")
    public String anomalyId;

    @Enumerated(EnumType.STRING)
    public dev.selfheal.detection.engine.Feedback.Verdict feedback;

    /** Optimistic lock: a finding and a verdict on the same incident never overwrite each other. */
    @Version
    @Column(name = "version_no")
    public int versionNo;

    static Incident open(String id, Finding first, Severity severity, Instant now) {
        Incident incident = new Incident();
        incident.id = id;
        incident.fingerprint = first.fingerprint();
        incident.capability = first.capability();
        incident.service = first.service();
        incident.handler = first.handler();
        incident.signature = first.signature();
        incident.status = IncidentStatus.OPEN;
        incident.severity = severity;
        incident.score = first.score();
        incident.findings = 0;
        incident.onset = first.onset();
        incident.firstSeen = first.detectedAt();
        incident.lastSeen = first.detectedAt();
        incident.openedAt = now;
        incident.add(first, now);
        return incident;
    }

    /** Another finding of the same problem: counts it and shows its latest evidence. */
    void add(Finding finding, Instant now) {
        findings++;
        version = finding.version();
        score = Math.max(score, finding.score());
        if (finding.severity().compareTo(severity) > 0) {
            severity = finding.severity();
        }
        if (finding.onset().isBefore(onset)) {
            onset = finding.onset();
        }
        if (finding.detectedAt().isAfter(lastSeen)) {
            lastSeen = finding.detectedAt();
        }
        summary = finding.summary();
        figures = finding.figures();
        details = finding.details();
        exampleTraceIds = finding.exampleTraceIds();
        updatedAt = now;
    }

    void resolve(Resolution why, Instant now) {
        status = IncidentStatus.RESOLVED;
        resolution = why;
        resolvedAt = now;
        updatedAt = now;
    }
}
