package dev.selfheal.detection.flow;

/**
 * One step following another in a session. {@link #START} and {@link #END} stand for the session's boundaries, so a
 * session's first and last steps are learnt as transitions too (a flow that starts or ends somewhere new is unusual).
 */
public record Transition(String from, String to) implements Comparable<Transition> {

    public static final String START = "^";
    public static final String END = "$";

    @Override
    public int compareTo(Transition other) {
        int byFrom = from.compareTo(other.from);
        return byFrom != 0 ? byFrom : to.compareTo(other.to);
    }

    @Override
    public String toString() {
        return from + "->" + to;
    }
}
