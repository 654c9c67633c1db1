package dev.selfheal.detector.latency;

/** What a handler's last latency evaluation concluded. */
public enum LatencyState {
    /** Too few baseline samples for a verdict yet. */
    LEARNING,
    /** The observed window is consistent with the baseline. */
    STEADY,
    /** The observed window is significantly and materially slower than the baseline. */
    SHIFTED
}
