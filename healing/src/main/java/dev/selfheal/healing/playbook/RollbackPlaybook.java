package dev.selfheal.healing.playbook;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.healing.code.HandlerMethod;
import dev.selfheal.healing.code.RecordedCall;
import dev.selfheal.healing.diagnosis.Diagnosis;
import dev.selfheal.healing.diagnosis.RootCause;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code release.rollback}: when a release introduced a latency, error, state or dependency problem, return to
 * the version before it, with a test replaying the calls that showed the problem. Behavioural problems have
 * their own playbook, which pins the flow as well ({@link PinnedFlowPlaybook}).
 */
public final class RollbackPlaybook implements Playbook {

    @Override
    public String name() {
        return "release.rollback";
    }

    @Override
    public Capability capability() {
        return Capability.PERFORMANCE;
    }

    @Override
    public boolean appliesTo(Diagnosis diagnosis) {
        return diagnosis.anomaly() != null && diagnosis.anomaly().capability() != Capability.BEHAVIORAL
                && diagnosis.anomaly().capability() != Capability.COVERAGE
                && diagnosis.anomaly().capability() != Capability.DOCUMENTATION
                && Plans.candidate(diagnosis, RootCause.Kind.RELEASE).isPresent();
    }

    @Override
    public FixPlan propose(Diagnosis diagnosis, PlaybookContext context) {
        RootCause cause = Plans.candidate(diagnosis, RootCause.Kind.RELEASE).orElseThrow();
        Map<String, String> details = Plans.evidence(diagnosis).details();
        Map<String, Double> figures = Plans.evidence(diagnosis).figures();
        String toVersion = details.get("baseline.version");
        String deployment = context.deploymentOr(cause.service());
        String handler = Plans.handlerOf(diagnosis, cause);
        Capability capability = diagnosis.anomaly().capability();
        String title = "Roll " + cause.service() + " back from " + cause.version()
                + (toVersion == null ? "" : " to " + toVersion);
        List<RuntimeAction> actions = List.of(Plans.rollback(deployment, toVersion,
                cause.version() + " introduced the " + capability.name().toLowerCase(java.util.Locale.ROOT) + " problem"));
        List<RecordedCall> calls = Plans.calls(context, cause.service(), handler);
        int healthy = Plans.healthyStatus(RecordedCall.of(context.traces().baseline(), cause.service(), handler,
                Plans.MAX_CALLS));
        Optional<HandlerMethod> method = Plans.handlerMethod(context, handler);
        long budget = Plans.budget(figures, "baseline.p99Ms", 2);
        List<Artifact> artifacts = new ArrayList<>();
        Plans.statusTest(context, method, cause.service(), handler, "RegressionTest",
                "Replays calls of " + handler + " recorded while " + cause.version() + " ran: each must answer as "
                        + "before the release (" + healthy + " for failed calls, within " + budget + " ms).",
                calls, c -> c.status() >= 500 || c.status() == 0 ? healthy : c.status(), budget)
                .ifPresent(artifacts::add);
        String change = "Rolls " + deployment + " back to " + (toVersion == null ? "its previous revision" : toVersion)
                + ", the version before " + cause.version() + " (" + cause.explanation() + "). The release's code "
                + "stays in the repository for a person to fix; the regression test keeps the problem from "
                + "returning unnoticed.";
        artifacts.add(Plans.docNote(name(), diagnosis, cause, title, change, artifacts, actions));
        String after = switch (capability) {
            case PERFORMANCE -> "p95 latency of " + handler + " back within its baseline ("
                    + figures.getOrDefault("baseline.p95Ms", Double.NaN) + " ms) over the verification window";
            case ERROR -> "error rate of " + handler + " back to its baseline";
            case STATE -> "no further violations of the state invariant";
            default -> "calls to " + cause.location() + " healthy again";
        };
        return new FixPlan(name(), title, diagnosis, change, Risk.MEDIUM, artifacts, actions,
                Plans.validation(artifacts, actions, after + "; the running version is "
                        + (toVersion == null ? "the previous revision" : toVersion)));
    }
}
