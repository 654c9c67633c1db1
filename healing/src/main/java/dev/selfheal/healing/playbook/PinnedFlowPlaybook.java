package dev.selfheal.healing.playbook;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.healing.code.HandlerMethod;
import dev.selfheal.healing.code.RecordedCall;
import dev.selfheal.healing.code.ReproductionTests;
import dev.selfheal.healing.code.TestTarget;
import dev.selfheal.healing.diagnosis.Diagnosis;
import dev.selfheal.healing.diagnosis.RootCause;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code behaviour.pinned-flow}: a behaviour test pinning the expected handler sequence (the anomaly's
 * {@code expectedFlow}), read back from telemetry for each replayed entry call; with a rollback when a release
 * changed the flow.
 */
public final class PinnedFlowPlaybook implements Playbook {

    @Override
    public String name() {
        return "behaviour.pinned-flow";
    }

    @Override
    public Capability capability() {
        return Capability.BEHAVIORAL;
    }

    @Override
    public boolean appliesTo(Diagnosis diagnosis) {
        return Plans.candidate(diagnosis, RootCause.Kind.FLOW_STEP).isPresent();
    }

    @Override
    public FixPlan propose(Diagnosis diagnosis, PlaybookContext context) {
        RootCause cause = Plans.candidate(diagnosis, RootCause.Kind.FLOW_STEP).orElseThrow();
        Optional<RootCause> release = Plans.candidate(diagnosis, RootCause.Kind.RELEASE);
        String entry = Plans.evidence(diagnosis).details().getOrDefault("entry", diagnosis.anomaly().handler());
        String expectedText = Plans.evidence(diagnosis).details().get("expectedFlow");
        List<String> expected = expectedText == null ? List.of()
                : Arrays.stream(expectedText.split("\\s*>\\s*")).filter(s -> !s.isBlank()).toList();
        List<RecordedCall> calls = new ArrayList<>(RecordedCall.of(context.traces().baseline(), null, entry,
                Plans.MAX_CALLS));
        if (calls.isEmpty()) {
            calls.addAll(RecordedCall.of(context.traces().observed(), null, entry, Plans.MAX_CALLS));
        }
        int healthy = Plans.healthyStatus(calls);
        Optional<HandlerMethod> method = Plans.handlerMethod(context, entry);
        List<Artifact> artifacts = new ArrayList<>();
        if (!calls.isEmpty() && !expected.isEmpty()) {
            artifacts.add(ReproductionTests.flowTest(TestTarget.of(method, cause.service(), entry, "FlowTest"),
                    "Each recorded call of " + entry + " must run " + String.join(" > ", expected) + " in that "
                            + "order; the flow diverged at " + cause.location() + ".",
                    calls.stream().map(c -> new ReproductionTests.Expectation(c, c.status() >= 500 || c.status() == 0
                            ? healthy : c.status())).toList(), expected, 10_000));
        }
        String deployment = context.deploymentOr(cause.service());
        List<RuntimeAction> actions = release.map(r -> List.of(Plans.rollback(deployment,
                Plans.evidence(diagnosis).details().get("baseline.version"), r.version() + " changed the flow")))
                .orElse(List.of());
        String title = "Pin the flow of " + entry + (release.isPresent() ? " and roll back "
                + release.get().version() : "");
        String change = "Adds a behaviour test pinning " + (expected.isEmpty() ? "the learned flow"
                : String.join(" > ", expected)) + " (" + cause.explanation() + ")."
                + (release.isPresent() ? " Rolls " + deployment + " back from " + release.get().version()
                        + ", which introduced the divergence." : " The divergent step needs a code or config change "
                        + "a person makes; the test shows when it is right.")
                + (artifacts.isEmpty() ? " No test could be written: no recorded call of the entry or no expected "
                        + "flow in the evidence." : "");
        artifacts.add(Plans.docNote(name(), diagnosis, cause, title, change, artifacts, actions));
        return new FixPlan(name(), title, diagnosis, change, actions.isEmpty() ? Risk.LOW : Risk.MEDIUM, artifacts,
                actions, Plans.validation(artifacts, actions, "the behaviour test passes and the share of "
                        + entry + " traces following the expected flow is back to normal"));
    }
}
