package dev.selfheal.healing.playbook;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.healing.diagnosis.Diagnosis;

/**
 * One way of fixing one sort of problem, as code: it says whether it applies to a diagnosis and proposes a
 * {@link FixPlan} with its artifacts, runtime actions and validation steps. A playbook proposes; it never changes
 * anything itself.
 */
public interface Playbook {

    /** A stable name, {@code capability.fix}, e.g. {@code dependency.circuit-breaker}; the ledger keys on it. */
    String name();

    /** The capability whose problems it fixes. */
    Capability capability();

    /** Whether it has something to propose for this diagnosis. */
    boolean appliesTo(Diagnosis diagnosis);

    /**
     * The plan for a diagnosis it applies to. When the source tree is missing or the code cannot be found, the
     * plan still brings its other artifacts and its change paragraph says the code change could not be made.
     */
    FixPlan propose(Diagnosis diagnosis, PlaybookContext context);
}
