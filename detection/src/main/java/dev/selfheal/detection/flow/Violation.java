package dev.selfheal.detection.flow;

/**
 * One reason a session departs from the learnt flows.
 *
 * @param kind   what departed
 * @param detail the steps involved, human-readable (e.g. {@code T02->T07}, {@code count(T02) = count(T03)})
 * @param atStep the 1-based number of steps into the session at which the departure was observable: where the
 *               unseen step or transition occurred, where the second step of a reordering occurred, or the session's
 *               length for rules that need the completed session (counts, missing steps, variants)
 */
public record Violation(ViolationKind kind, String detail, int atStep) {

    @Override
    public String toString() {
        return kind + " " + detail + " @" + atStep;
    }
}
