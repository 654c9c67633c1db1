package dev.selfheal.healing.playbook;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.healing.diagnosis.Diagnosis;
import dev.selfheal.healing.diagnosis.RootCause;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code coverage.generated-test}: a JUnit 5 test for a handler production uses and no test covers, replaying
 * its recorded calls and pinning the statuses they answered.
 */
public final class GeneratedTestPlaybook implements Playbook {

    @Override
    public String name() {
        return "coverage.generated-test";
    }

    @Override
    public Capability capability() {
        return Capability.COVERAGE;
    }

    @Override
    public boolean appliesTo(Diagnosis diagnosis) {
        return Plans.candidate(diagnosis, RootCause.Kind.UNTESTED_HANDLER).isPresent();
    }

    @Override
    public FixPlan propose(Diagnosis diagnosis, PlaybookContext context) {
        RootCause cause = Plans.candidate(diagnosis, RootCause.Kind.UNTESTED_HANDLER).orElseThrow();
        String handler = Plans.handlerOf(diagnosis, cause);
        List<Artifact> artifacts = new ArrayList<>();
        Plans.statusTest(context, Plans.handlerMethod(context, handler), cause.service(), handler, "RecordedTest",
                "Replays calls of " + handler + " recorded in production and pins the status each answered.",
                Plans.calls(context, cause.service(), handler), c -> c.status() == 0 ? 200 : c.status(), 10_000)
                .ifPresent(artifacts::add);
        String title = "Cover " + handler + " of " + cause.service() + " with a test from production calls";
        String change = artifacts.isEmpty()
                ? "No test could be generated: no recorded call of " + handler + " was among the traces read."
                : "Adds a parameterized JUnit 5 test replaying " + handler + "'s recorded production calls ("
                        + cause.explanation() + ").";
        artifacts.add(Plans.docNote(name(), diagnosis, cause, title, change, artifacts, List.of()));
        return new FixPlan(name(), title, diagnosis, change, Risk.LOW, artifacts, List.of(),
                Plans.validation(artifacts, List.of(), "the next coverage report shows " + handler + " covered"));
    }
}
