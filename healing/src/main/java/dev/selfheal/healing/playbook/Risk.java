package dev.selfheal.healing.playbook;

/**
 * How much a fix could hurt if it is wrong. High-risk proposals need two distinct approvers.
 */
public enum Risk {
    /** Reversible within seconds and touches no code: add a replica, restart. */
    LOW,
    /** Changes what runs but is reversible: resources, configuration, a rollback to a known-good version. */
    MEDIUM,
    /** Changes code, or many replicas or services at once. */
    HIGH
}
