package dev.selfheal.detector.incident;

/** Why an incident was resolved. */
public enum Resolution {
    /** No finding of its fingerprint for the resolve time (event time). */
    QUIET,
    /** A person judged it a false positive. */
    FALSE_POSITIVE
}
