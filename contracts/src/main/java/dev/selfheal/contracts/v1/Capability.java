package dev.selfheal.contracts.v1;

/** The seven kinds of problem Selfheal detects, diagnoses and fixes. */
public enum Capability {
    PERFORMANCE,
    BEHAVIORAL,
    COVERAGE,
    ERROR,
    STATE,
    DEPENDENCY,
    DOCUMENTATION
}
