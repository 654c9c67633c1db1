package dev.selfheal.healing.playbook;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.healing.code.ConstraintEditor;
import dev.selfheal.healing.code.Invariant;
import dev.selfheal.healing.code.SourceEdit;
import dev.selfheal.healing.diagnosis.Diagnosis;
import dev.selfheal.healing.diagnosis.RootCause;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code state.bean-validation}: a state field written against its learned invariant gets the Bean Validation
 * constraint that expresses it, and a state test replaying the writes that broke it and expecting 400.
 */
public final class ConstraintPlaybook implements Playbook {

    @Override
    public String name() {
        return "state.bean-validation";
    }

    @Override
    public Capability capability() {
        return Capability.STATE;
    }

    @Override
    public boolean appliesTo(Diagnosis diagnosis) {
        return Plans.candidate(diagnosis, RootCause.Kind.STATE_FIELD).isPresent();
    }

    @Override
    public FixPlan propose(Diagnosis diagnosis, PlaybookContext context) {
        RootCause cause = Plans.candidate(diagnosis, RootCause.Kind.STATE_FIELD).orElseThrow();
        String key = cause.key() != null ? cause.key() : Plans.evidence(diagnosis).details().get("key");
        Invariant invariant = Invariant.fromEvidence(diagnosis.anomaly().signature(),
                Plans.evidence(diagnosis).details());
        String handler = Plans.handlerOf(diagnosis, cause);
        Optional<SourceEdit> edit = key == null ? Optional.empty()
                : context.tree().flatMap(tree -> ConstraintEditor.constrain(tree, key, invariant));
        List<Artifact> artifacts = new ArrayList<>();
        edit.map(SourceEdit::toArtifact).ifPresent(artifacts::add);
        List<String> bad = invariant.observed() == null ? List.of() : List.of(invariant.observed());
        Plans.statusTest(context, Plans.handlerMethod(context, handler), cause.service(), handler, "StateTest",
                "Replays writes of " + handler + " that set " + key + " against its invariant (expected "
                        + invariant.expected() + "): each must be refused with 400.",
                Plans.calls(context, cause.service(), handler).stream()
                        .filter(c -> c.attributes().containsKey("state.value")
                                && bad.contains(c.attributes().get("state.value"))
                                || c.body() != null && bad.stream().anyMatch(c.body()::contains)).toList(),
                c -> 400, 10_000).ifPresent(artifacts::add);
        String title = "Validate " + key + " in " + cause.service();
        String change = edit.isPresent()
                ? edit.get().description() + ". Bean Validation refuses such a write with 400 before it reaches the "
                        + "state (the resource parameter carrying it needs @Valid)."
                : "Adds a state test for " + key + "." + Plans.noSource(context, invariant.kind()
                        == Invariant.Kind.OTHER ? "the broken invariant (" + diagnosis.anomaly().signature()
                        + ") is not a constraint on one value" : "no field holding " + key + " takes a constraint");
        artifacts.add(Plans.docNote(name(), diagnosis, cause, title, change, artifacts, List.of()));
        return new FixPlan(name(), title, diagnosis, change, edit.isPresent() ? Risk.HIGH : Risk.LOW, artifacts,
                List.of(), Plans.validation(artifacts, List.of(), "no further violations of the invariant on "
                        + key + " over the verification window"));
    }
}
