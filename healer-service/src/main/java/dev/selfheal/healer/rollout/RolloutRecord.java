package dev.selfheal.healer.rollout;

import dev.selfheal.healer.fix.StringMapConverter;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;

/** What a rollout target changed, or would have changed, for one approved fix: the target, the action, when. */
@Entity
@Table(name = "rollout")
public class RolloutRecord extends PanacheEntityBase {

    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";

    @Id
    @Column(name = "fix_id")
    public String fixId;

    @Column(name = "target_kind")
    public String targetKind;

    public String namespace;

    public String target;

    public String action;

    @Convert(converter = StringMapConverter.class)
    public Map<String, String> parameters;

    /** How the target worked, e.g. {@code record-only} when nothing in the cluster was touched. */
    @Column(name = "rollout_mode")
    public String mode;

    public String outcome;

    public String detail;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "completed_at")
    public Instant completedAt;
}
