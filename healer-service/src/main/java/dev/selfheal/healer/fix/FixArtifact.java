package dev.selfheal.healer.fix;

import dev.selfheal.healing.playbook.Artifact;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A file a fix brings (code diff, generated test, documentation note), in the order the playbook made them. */
@Entity
@Table(name = "fix_artifact")
@IdClass(FixArtifact.Key.class)
public class FixArtifact extends PanacheEntityBase {

    @Id
    @jakarta.persistence.Column(name = "fix_id")
    public String fixId;

    @Id
    public int ordinal;

    @Enumerated(EnumType.STRING)
    public Artifact.Kind kind;

    public String path;

    public String content;

    public String description;

    public Artifact toArtifact() {
        return new Artifact(kind, path, content, description);
    }

    static FixArtifact of(String fixId, int ordinal, Artifact artifact) {
        FixArtifact row = new FixArtifact();
        row.fixId = fixId;
        row.ordinal = ordinal;
        row.kind = artifact.kind();
        row.path = artifact.path();
        row.content = artifact.content();
        row.description = artifact.description();
        return row;
    }

    /** The composite key: fix and position. */
    public static class Key implements Serializable {

        public String fixId;
        public int ordinal;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.ordinal == ordinal && Objects.equals(key.fixId, fixId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(fixId, ordinal);
        }
    }
}
