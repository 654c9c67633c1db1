package dev.selfheal.logmining;

/**
 * Learns, per source, how many leading tokens of a line are its header: timestamp, host, process id, level, logger
 * and whatever else the log format puts before the message.
 *
 * <p>Why: the fields of a header that are words ({@code node status}, {@code switch_module error}, a logger name, a
 * program name) look like constants, yet they say where a line came from, not which statement wrote it. The same
 * statement written by another component must keep its template. A header is recognised the way a reader spots it:
 * it starts with a value (a timestamp, a sequence number) and is the leading run of fields ending in one that holds
 * a value (a time, a number, an id, a level) in nearly every line of the source. Every token up to that field is a
 * parameter, whatever its class. A source whose lines start with a word ({@code job 42 started}) has no header.
 *
 * <p>The model is online. It applies nothing until {@link #MIN_LINES} lines have been seen and revises itself each
 * time the line count doubles; the miner then re-derives its templates under the new header
 * ({@link LogTemplateMiner}), so templates learnt early are merged, never lost.
 */
final class HeaderModel {

    /** Tokens looked at from the start of a line: a header is never longer. */
    static final int MAX_FIELDS = 12;
    /** Lines seen before a header is applied at all. */
    static final int MIN_LINES = 32;
    /** Share of lines whose token at the header's last index must be a parameter. */
    static final double SHARE = 0.98;

    private final long[] variableCounts = new long[MAX_FIELDS];
    private long lines;
    private long nextRevision = MIN_LINES;
    private int end = -1;

    /** The index of the header's last token, -1 while no header is known. */
    int end() {
        return end;
    }

    /**
     * Counts one line's leading parameters ({@link Tokens#leadingVariables()}).
     *
     * @return whether the header changed, in which case templates learnt so far must be re-derived
     */
    boolean observe(long leadingVariables) {
        for (long bits = leadingVariables; bits != 0; bits &= bits - 1) {
            variableCounts[Long.numberOfTrailingZeros(bits)]++;
        }
        if (++lines < nextRevision) {
            return false;
        }
        nextRevision *= 2;
        int revised = -1;
        for (int k = MAX_FIELDS - 1; k >= 0 && variableCounts[0] >= SHARE * lines; k--) {
            if (variableCounts[k] >= SHARE * lines) {
                revised = k;
                break;
            }
        }
        boolean changed = revised != end;
        end = revised;
        return changed;
    }
}
