package dev.selfheal.healing.playbook;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.healing.diagnosis.Diagnosis;
import dev.selfheal.healing.diagnosis.RootCause;
import java.util.List;
import java.util.Map;

/**
 * {@code documentation.regenerate}: a documented statement production contradicts gets a docs note that states
 * what production does, for docs-service to regenerate the stale section from.
 */
public final class RegeneratedDocsPlaybook implements Playbook {

    @Override
    public String name() {
        return "documentation.regenerate";
    }

    @Override
    public Capability capability() {
        return Capability.DOCUMENTATION;
    }

    @Override
    public boolean appliesTo(Diagnosis diagnosis) {
        return Plans.candidate(diagnosis, RootCause.Kind.STALE_DOCUMENTATION).isPresent();
    }

    @Override
    public FixPlan propose(Diagnosis diagnosis, PlaybookContext context) {
        RootCause cause = Plans.candidate(diagnosis, RootCause.Kind.STALE_DOCUMENTATION).orElseThrow();
        Map<String, String> details = Plans.evidence(diagnosis).details();
        String handler = Plans.handlerOf(diagnosis, cause);
        String title = "Regenerate the documentation of " + handler + " in " + cause.service();
        String change = "The documented contract of " + handler + " no longer matches production ("
                + cause.explanation() + "); the section is regenerated from observed behaviour"
                + (details.isEmpty() ? "." : ": " + details.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + " = " + e.getValue()).reduce((a, b) -> a + "; " + b).orElse("") + ".");
        List<Artifact> artifacts = List.of(Plans.docNote(name(), diagnosis, cause, title, change, List.of(),
                List.of()));
        return new FixPlan(name(), title, diagnosis, change, Risk.LOW, artifacts, List.of(),
                Plans.validation(artifacts, List.of(), "docs-service's validation of " + cause.service()
                        + "'s contract passes; no further documentation anomaly for " + handler));
    }
}
