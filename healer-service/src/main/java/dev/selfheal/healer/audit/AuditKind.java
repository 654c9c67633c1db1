package dev.selfheal.healer.audit;

/** What an audit entry records. */
public enum AuditKind {
    /** A person approved or rejected a fix. */
    DECISION,
    /** A fix entered a new state. */
    TRANSITION
}
