package dev.selfheal.logmining;

/** A line's tokens or a template's positions, as {@link Alignment} compares them. */
interface TokenSequence {

    int size();

    /** False for a line's variable token and for a template's {@code <*>}. */
    boolean isConstant(int position);

    boolean constantEquals(int position, String text, long hash);
}
