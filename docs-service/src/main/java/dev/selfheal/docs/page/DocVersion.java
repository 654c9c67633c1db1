package dev.selfheal.docs.page;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One generated version of a service's documentation, stored whole in both its forms. */
@Entity
@Table(name = "doc_version")
@IdClass(DocVersion.Key.class)
public class DocVersion extends PanacheEntityBase {

    @Id
    public String service;

    @Id
    public int version;

    @Column(name = "generated_at")
    public Instant generatedAt;

    /** {@code fix} or {@code telemetry}: what made this version necessary. */
    @Column(name = "triggered_by")
    public String triggeredBy;

    @Column(name = "handler_count")
    public int handlerCount;

    @Column(name = "fix_count")
    public int fixCount;

    /** The {@link DocPage} as JSON. */
    public String page;

    public String markdown;

    /** The identity of a version: service and number. */
    public static class Key implements Serializable {

        public String service;
        public int version;

        public Key() {
        }

        public Key(String service, int version) {
            this.service = service;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && version == k.version && Objects.equals(service, k.service);
        }

        @Override
        public int hashCode() {
            return Objects.hash(service, version);
        }
    }
}
