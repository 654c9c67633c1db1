package dev.selfheal.healing.playbook;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.healing.diagnosis.Diagnosis;
import dev.selfheal.healing.diagnosis.RootCause;
import java.util.List;
import java.util.Map;

/**
 * {@code performance.scale-out}: a handler short of capacity (every span slowed together, no release) gets
 * replicas in proportion to how much slower it is, within the context's limit on added replicas.
 */
public final class ScaleOutPlaybook implements Playbook {

    @Override
    public String name() {
        return "performance.scale-out";
    }

    @Override
    public Capability capability() {
        return Capability.PERFORMANCE;
    }

    @Override
    public boolean appliesTo(Diagnosis diagnosis) {
        return Plans.candidate(diagnosis, RootCause.Kind.CAPACITY).isPresent();
    }

    @Override
    public FixPlan propose(Diagnosis diagnosis, PlaybookContext context) {
        RootCause cause = Plans.candidate(diagnosis, RootCause.Kind.CAPACITY).orElseThrow();
        Map<String, Double> figures = Plans.evidence(diagnosis).figures();
        String deployment = context.deploymentOr(cause.service());
        // Latency under saturation grows with load per replica: a p95 ratio of r asks for about r times the
        // replicas, at least one more.
        double ratio = figures.getOrDefault("p95Ratio", diagnosis.anomaly().score());
        boolean known = context.currentReplicas() != null;
        int current = known ? context.currentReplicas() : 1;
        int wanted = (int) Math.max(1, Math.ceil(current * (Math.max(ratio, 1) - 1)));
        int added = Math.max(Math.min(wanted, context.maxAddedReplicas()), Math.min(1, context.maxAddedReplicas()));
        int replicas = current + added;
        String title = "Scale " + deployment + " from " + (known ? current : "?") + " to " + replicas + " replicas";
        List<RuntimeAction> actions = List.of(new RuntimeAction(RuntimeAction.Type.SCALE, "Deployment", deployment,
                Map.of("replicas", Integer.toString(replicas)), "Add " + added + " replica(s) to " + deployment
                        + (known ? "" : " (current count unknown, assumed 1)")));
        String change = "Adds " + added + " replica(s) to " + deployment + ": " + cause.explanation()
                + (wanted > added ? " The evidence asks for " + wanted + " more; the limit allows " + added + "." : "")
                + " Reversible in seconds by scaling back.";
        List<Artifact> artifacts = List.of(Plans.docNote(name(), diagnosis, cause, title, change, List.of(), actions));
        return new FixPlan(name(), title, diagnosis, change, Risk.LOW, artifacts, actions,
                Plans.validation(List.of(), actions, "p95 latency of " + Plans.handlerOf(diagnosis, cause)
                        + " back within its baseline (" + figures.getOrDefault("baseline.p95Ms", Double.NaN)
                        + " ms) over the verification window"));
    }
}
