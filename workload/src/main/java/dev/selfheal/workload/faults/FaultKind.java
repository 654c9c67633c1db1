package dev.selfheal.workload.faults;

/**
 * The seven kinds of fault, one per Selfheal capability and named as its {@code Capability} values are, so that
 * ground truth and detector findings compare by name.
 */
public enum FaultKind {
    PERFORMANCE, BEHAVIORAL, COVERAGE, ERROR, STATE, DEPENDENCY, DOCUMENTATION
}
