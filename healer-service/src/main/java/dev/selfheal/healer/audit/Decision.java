package dev.selfheal.healer.audit;

/** A person's verdict on a fix proposal. */
public enum Decision {
    APPROVE,
    REJECT
}
