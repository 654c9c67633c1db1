package dev.selfheal.telemetry.evidence.spec;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** The OpenAPI document of one service version, as stored in the telemetry schema: its operations as JSON. */
@Entity
@Table(name = "api_spec")
@IdClass(StoredSpec.Key.class)
public class StoredSpec extends PanacheEntityBase {

    @Id
    public String service;

    @Id
    public String version;

    @Column(name = "spec_id")
    public String specId;

    public String openapi;

    public String title;

    @Column(name = "api_version")
    public String apiVersion;

    @Column(name = "operation_count")
    public int operationCount;

    /** JSON array of {@code SpecPublished.Operation}. */
    public String operations;

    public int parts;

    @Column(name = "received_at")
    public Instant receivedAt;

    public static class Key implements Serializable {

        public String service;
        public String version;

        public Key() {
        }

        public Key(String service, String version) {
            this.service = service;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(service, k.service) && Objects.equals(version, k.version);
        }

        @Override
        public int hashCode() {
            return Objects.hash(service, version);
        }
    }
}
