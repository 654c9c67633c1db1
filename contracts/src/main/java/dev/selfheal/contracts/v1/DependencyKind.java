package dev.selfheal.contracts.v1;

/** What kind of dependency a call went to, from the semantic-convention attributes of the client span. */
public enum DependencyKind {
    HTTP,
    DATABASE,
    MESSAGING,
    RPC,
    OTHER
}
