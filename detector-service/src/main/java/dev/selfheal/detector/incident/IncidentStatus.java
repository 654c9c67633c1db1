package dev.selfheal.detector.incident;

/** Whether findings still join an incident. */
public enum IncidentStatus {
    /** Findings of its fingerprint join it. */
    OPEN,
    /** Over: quiet for the resolve time, or judged a false positive; the next finding opens a new incident. */
    RESOLVED
}
