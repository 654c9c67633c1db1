package dev.selfheal.healing.playbook;

import dev.selfheal.healing.diagnosis.Diagnosis;
import java.util.List;

/** The registry of playbooks: every plan that applies to a diagnosis, for the ledger to rank. */
public final class Playbooks {

    private final List<Playbook> playbooks;

    public Playbooks(List<Playbook> playbooks) {
        this.playbooks = List.copyOf(playbooks);
    }

    /** Every playbook Selfheal ships, at least one per capability. */
    public static Playbooks standard() {
        return new Playbooks(List.of(
                new RollbackPlaybook(),
                new ScaleOutPlaybook(),
                new HandlerTimeoutPlaybook(),
                new PinnedFlowPlaybook(),
                new GeneratedTestPlaybook(),
                new ExceptionMapperPlaybook(),
                new ConstraintPlaybook(),
                new CircuitBreakerPlaybook(),
                new DependencyConfigPlaybook(),
                new RegeneratedDocsPlaybook()));
    }

    public List<Playbook> all() {
        return playbooks;
    }

    /** The plans of every playbook applying to the diagnosis, in registry order. */
    public List<FixPlan> propose(Diagnosis diagnosis, PlaybookContext context) {
        return playbooks.stream().filter(p -> p.appliesTo(diagnosis)).map(p -> p.propose(diagnosis, context))
                .toList();
    }
}
