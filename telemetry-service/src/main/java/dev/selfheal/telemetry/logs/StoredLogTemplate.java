package dev.selfheal.telemetry.logs;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A template of one service's logs, as stored in the telemetry schema. */
@Entity
@Table(name = "log_template")
@IdClass(StoredLogTemplate.Key.class)
public class StoredLogTemplate extends PanacheEntityBase {

    @Id
    public String service;

    @Id
    @Column(name = "template_id")
    public String templateId;

    public String template;

    public long count;

    @Column(name = "first_seen")
    public Instant firstSeen;

    @Column(name = "last_seen")
    public Instant lastSeen;

    public static class Key implements Serializable {

        public String service;
        public String templateId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(service, k.service) && Objects.equals(templateId, k.templateId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(service, templateId);
        }
    }
}
