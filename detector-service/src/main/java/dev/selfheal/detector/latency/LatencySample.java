package dev.selfheal.detector.latency;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One handler execution's duration, as stored in the detector schema. */
@Entity
@Table(name = "latency_sample")
public class LatencySample extends PanacheEntityBase {

    /** The span's event id (trace id and span id), so a span is one sample however often it arrives. */
    @Id
    public String id;

    /** Arrival order, assigned by the database: breaks ties between samples that started at the same instant. */
    @Column(insertable = false, updatable = false)
    public long arrival;

    public String service;

    public String handler;

    public String version;

    @Column(name = "trace_id")
    public String traceId;

    @Column(name = "start_time")
    public Instant start;

    @Column(name = "duration_ms")
    public double durationMs;
}
