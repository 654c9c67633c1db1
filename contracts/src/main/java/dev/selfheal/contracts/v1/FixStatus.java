package dev.selfheal.contracts.v1;

/** The life of a fix proposal, from proposal to verified outcome. */
public enum FixStatus {
    PENDING_APPROVAL,
    APPROVED,
    REJECTED,
    ROLLED_OUT,
    VERIFIED,
    FAILED,
    ROLLED_BACK,
    EXPIRED
}
