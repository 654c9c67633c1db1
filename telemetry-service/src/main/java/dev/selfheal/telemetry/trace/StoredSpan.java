package dev.selfheal.telemetry.trace;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;

/** An accepted handler execution, as stored in the telemetry schema. */
@Entity
@Table(name = "span")
public class StoredSpan extends PanacheEntityBase {

    /** The trace id followed by the span id: the natural key, so a re-sent span is stored once. */
    @Id
    public String id;

    @Column(name = "trace_id")
    public String traceId;

    @Column(name = "span_id")
    public String spanId;

    @Column(name = "parent_span_id")
    public String parentSpanId;

    public String service;

    public String version;

    public String handler;

    @Column(name = "start_time")
    public Instant start;

    @Column(name = "duration_ms")
    public double durationMs;

    public String status;

    @Convert(converter = AttributesConverter.class)
    public Map<String, String> attributes;

    /** OpenTelemetry's span kind; null for spans received without one ({@code POST /api/events}). */
    public String kind;

    /** {@code deployment.environment.name}, when the source named it. */
    public String environment;

    @Column(name = "received_at")
    public Instant receivedAt;

    public static String key(String traceId, String spanId) {
        return traceId + spanId;
    }
}
