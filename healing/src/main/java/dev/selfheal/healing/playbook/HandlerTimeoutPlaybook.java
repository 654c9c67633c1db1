package dev.selfheal.healing.playbook;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.healing.code.FaultToleranceEditor;
import dev.selfheal.healing.code.HandlerMethod;
import dev.selfheal.healing.code.SourceEdit;
import dev.selfheal.healing.diagnosis.Diagnosis;
import dev.selfheal.healing.diagnosis.RootCause;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code performance.handler-timeout}: when a handler's own code got slower, bound it with {@code @Timeout} at a
 * budget healthy calls never reach, and pin that budget with a performance test replaying recorded calls. It
 * contains the damage; the slow code itself still needs a person, which the plan says.
 */
public final class HandlerTimeoutPlaybook implements Playbook {

    @Override
    public String name() {
        return "performance.handler-timeout";
    }

    @Override
    public Capability capability() {
        return Capability.PERFORMANCE;
    }

    @Override
    public boolean appliesTo(Diagnosis diagnosis) {
        return Plans.candidate(diagnosis, RootCause.Kind.HANDLER_CODE).isPresent();
    }

    @Override
    public FixPlan propose(Diagnosis diagnosis, PlaybookContext context) {
        RootCause cause = Plans.candidate(diagnosis, RootCause.Kind.HANDLER_CODE).orElseThrow();
        Map<String, Double> figures = Plans.evidence(diagnosis).figures();
        String handler = Plans.handlerOf(diagnosis, cause);
        long budget = Plans.budget(figures, "baseline.p99Ms", 2);
        Optional<HandlerMethod> method = Plans.handlerMethod(context, handler);
        Optional<SourceEdit> edit = method.flatMap(m -> FaultToleranceEditor.timeout(context.tree().orElseThrow(), m,
                budget));
        List<Artifact> artifacts = new ArrayList<>();
        edit.map(SourceEdit::toArtifact).ifPresent(artifacts::add);
        Plans.statusTest(context, method, cause.service(), handler, "PerformanceTest", "Replays recorded calls of "
                + handler + ": each must answer as recorded within " + budget + " ms, twice the baseline p99.",
                Plans.calls(context, cause.service(), handler), c -> c.status() == 0 ? 200 : c.status(), budget)
                .ifPresent(artifacts::add);
        String title = "Bound " + handler + " of " + cause.service() + " to " + budget + " ms";
        String change = edit.isPresent()
                ? "Puts @Timeout(" + budget + ") on " + method.get().className() + "." + method.get().methodName()
                        + " so that a slow call fails fast instead of holding a worker while others queue behind it ("
                        + cause.explanation() + "). The slower code itself still needs a person's look."
                : "Pins a " + budget + " ms budget for " + handler + " with a performance test."
                        + Plans.noSource(context, "no resource method serving " + handler + " was found");
        artifacts.add(Plans.docNote(name(), diagnosis, cause, title, change, artifacts, List.of()));
        return new FixPlan(name(), title, diagnosis, change, edit.isPresent() ? Risk.HIGH : Risk.LOW, artifacts,
                List.of(), Plans.validation(artifacts, List.of(), "p95 latency of " + handler
                        + " back within its baseline (" + figures.getOrDefault("baseline.p95Ms", Double.NaN)
                        + " ms) over the verification window"));
    }
}
