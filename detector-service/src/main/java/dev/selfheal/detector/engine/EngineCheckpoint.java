package dev.selfheal.detector.engine;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The saved state of one engine: its snapshot and the Kafka offsets the snapshot includes. */
@Entity
@Table(name = "engine_checkpoint")
public class EngineCheckpoint extends PanacheEntityBase {

    @Id
    @Column(name = "engine_id")
    public String engineId;

    @Column(name = "saved_at")
    public Instant savedAt;

    /** The engine's event time when saved. */
    public Instant watermark;

    /** Events the engine had accepted in its whole life. */
    public long events;

    /** JSON object: {@code "topic/partition"} to the next offset not included in the snapshot. */
    public String offsets;

    /** The engine's snapshot, gzip'd JSON. */
    public byte[] snapshot;
}
