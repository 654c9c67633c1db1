package dev.selfheal.docs.observation;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One handler execution observed on the telemetry topic. */
@Entity
@Table(name = "execution")
public class Execution extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String service;

    public String handler;

    public String version;

    @Column(name = "start_time")
    public Instant start;

    @Column(name = "duration_ms")
    public double durationMs;

    public String status;

    @Column(name = "received_at")
    public Instant receivedAt;
}
