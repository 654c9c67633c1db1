package dev.selfheal.contracts.v1;

/** How urgently an anomaly needs a person's attention. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
