package dev.selfheal.healer.rollout;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;

/**
 * The first rollout target: it writes down exactly what would change where (target kind, namespace, deployment,
 * action, parameters, time) and reports success, without touching a cluster. It lets the whole approval loop run
 * and be audited before a Kubernetes target exists, and stays useful as a dry run.
 */
@ApplicationScoped
public class RecordingRolloutTarget implements RolloutTarget {

    static final String MODE = "record-only";

    private final RolloutRepository rollouts;
    private final RolloutConfig config;

    public RecordingRolloutTarget(RolloutRepository rollouts, RolloutConfig config) {
        this.rollouts = rollouts;
        this.config = config;
    }

    @Override
    public Uni<RolloutOutcome> rollOut(RolloutRequest request) {
        Instant started = Instant.now();
        RolloutRecord record = new RolloutRecord();
        record.fixId = request.fixId();
        record.targetKind = request.targetKind();
        record.namespace = config.namespace();
        record.target = request.target();
        record.action = request.action();
        record.parameters = request.parameters();
        record.mode = MODE;
        record.outcome = RolloutRecord.SUCCEEDED;
        record.detail = "Recorded, not applied: " + change(request, config.namespace());
        record.startedAt = started;
        record.completedAt = Instant.now();
        return rollouts.persist(record).map(stored -> new RolloutOutcome(true, stored.detail));
    }

    static String change(RolloutRequest request, String namespace) {
        String where = request.targetKind() + " " + namespace + "/" + request.target();
        Map<String, String> p = request.parameters();
        return switch (request.action()) {
            case "rollback" -> "roll " + where + " back from version " + p.getOrDefault("fromVersion", "?")
                    + " to version " + p.getOrDefault("toVersion", "?") + ".";
            case "scale-out" -> "add " + p.getOrDefault("addReplicas", "?") + " replica(s) to " + where + ".";
            case "investigate" -> "nothing changes in " + where + "; the fix asks " + request.approvedBy()
                    + " to investigate.";
            default -> request.action() + " " + where + " with " + p + ".";
        };
    }
}
