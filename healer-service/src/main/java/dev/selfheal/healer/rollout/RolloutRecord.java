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

    /** JSON: the runtime actions applied, in order. */
    public String actions;

    /** JSON: the runtime actions that restore the state before the rollout, in the order to apply them. */
    public String undo;

    @Column(name = "git_branch")
    public String gitBranch;

    @Column(name = "git_commit")
    public String gitCommit;

    @Column(name = "git_remote")
    public String gitRemote;

    /** Findings from this moment on count against the fix: the change has had time to take effect. */
    @Column(name = "verify_after")
    public Instant verifyAfter;

    /** The end of the verification window. */
    @Column(name = "verify_until")
    public Instant verifyUntil;

    @Column(name = "verified_at")
    public Instant verifiedAt;

    /** The latest recurrence of the problem after {@link #verifyAfter}, from the detector's anomalies. */
    @Column(name = "recurred_at")
    public Instant recurredAt;

    /** What the verification concluded, in words. */
    public String verification;
}
