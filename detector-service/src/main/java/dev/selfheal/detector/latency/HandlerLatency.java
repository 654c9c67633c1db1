package dev.selfheal.detector.latency;

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

/** A handler the latency detector watches: how much it has seen and what its last evaluation found. */
@Entity
@Table(name = "latency_handler")
public class HandlerLatency extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String service;

    public String handler;

    /** Samples consumed so far, including those since pruned. */
    public long samples;

    @Column(name = "last_sample_start")
    public Instant lastSampleStart;

    @Enumerated(EnumType.STRING)
    public LatencyState state;

    @Column(name = "baseline_samples")
    public int baselineSamples;

    @Column(name = "baseline_p50_ms")
    public Double baselineP50Ms;

    @Column(name = "baseline_p95_ms")
    public Double baselineP95Ms;

    @Column(name = "recent_samples")
    public int recentSamples;

    @Column(name = "recent_p50_ms")
    public Double recentP50Ms;

    @Column(name = "recent_p95_ms")
    public Double recentP95Ms;

    @Column(name = "p_value")
    public Double pValue;

    @Column(name = "evaluated_at")
    public Instant evaluatedAt;

    /** Keeps what an evaluation found, for the baselines API and the dashboard. */
    void record(LatencyVerdict verdict, Instant at) {
        state = verdict.state();
        baselineSamples = verdict.baseline().samples();
        baselineP50Ms = orNull(verdict.baseline().p50Ms());
        baselineP95Ms = orNull(verdict.baseline().p95Ms());
        recentSamples = verdict.observed().samples();
        recentP50Ms = orNull(verdict.observed().p50Ms());
        recentP95Ms = orNull(verdict.observed().p95Ms());
        pValue = orNull(verdict.pValue());
        evaluatedAt = at;
    }

    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
