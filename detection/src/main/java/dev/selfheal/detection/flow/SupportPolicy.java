package dev.selfheal.detection.flow;

/**
 * When a learned pattern counts as normal. Traffic the product learns from is unlabelled and contains some anomalous
 * sessions, so a step, transition or variant becomes normal only once it has been seen in at least
 * {@link #minSessions(long)} sessions: a rare failure pattern then stays abnormal however often the model is re-learnt.
 * Rules that must hold for (nearly) all sessions (count invariants, precedences, required steps) tolerate a fraction
 * {@code 1 - confidence} of sessions breaking them, for the same reason.
 *
 * @param minFraction fraction of the learnt sessions a pattern must be seen in to be normal
 * @param minCount    floor of that support in sessions, so a handful of sessions cannot make anything normal
 * @param confidence  fraction of the relevant sessions a rule must hold in to be learnt
 */
public record SupportPolicy(double minFraction, long minCount, double confidence) {

    /**
     * The one configuration used everywhere: a pattern is normal once seen in 1 in 1,000 sessions (at least 3), and a
     * rule is learnt when it holds in 95% of the sessions it concerns. 1 in 1,000 keeps legitimately rare paths whose
     * frequency is well above the rate of any single failure mode; 95% tolerates a contamination of a few percent
     * (the HDFS training split carries 4% anomalous sessions).
     */
    public static final SupportPolicy DEFAULT = new SupportPolicy(0.001, 3, 0.95);

    public SupportPolicy {
        if (minFraction < 0 || minFraction > 1 || minCount < 1 || confidence <= 0 || confidence > 1) {
            throw new IllegalArgumentException("invalid support policy " + minFraction + ", " + minCount + ", " + confidence);
        }
    }

    /** Sessions a pattern must be seen in, out of {@code sessions} learnt. */
    public long minSessions(long sessions) {
        return Math.max(minCount, (long) Math.ceil(minFraction * sessions));
    }
}
