package dev.selfheal.detection.flow;

/** Why a session departs from the learnt flows. */
public enum ViolationKind {
    /** A step never (or too rarely) seen in normal traffic. */
    UNSEEN_STEP(true),
    /** A step following another where that was never (or too rarely) seen. */
    UNSEEN_TRANSITION(true),
    /** A step present in nearly every session is absent. */
    MISSING_STEP(true),
    /** Two steps' counts break a learnt count invariant. */
    COUNT_INVARIANT(true),
    /** Two steps appear in the opposite of their learnt order. */
    REORDERED(true),
    /**
     * The exact sequence was not seen often enough. Informational only: with concurrent steps (three replicas written
     * in parallel, fan-out calls) legitimate interleavings are too many for exact sequences to be a verdict.
     */
    UNSEEN_VARIANT(false);

    private final boolean anomalous;

    ViolationKind(boolean anomalous) {
        this.anomalous = anomalous;
    }

    /** Whether this kind alone makes the session anomalous. */
    public boolean anomalous() {
        return anomalous;
    }
}
