package dev.selfheal.logmining;

/**
 * A mutable template inside the miner: a sequence of constant tokens and {@code <*>} positions, each with the
 * separator text that preceded it in the line it came from, so that its text reads like the log it stands for.
 *
 * <p>A {@code <*>} matches any run of tokens, including none: the same statement written with and without an
 * optional value ({@code bytes sent} against {@code bytes (1.20 KB) sent}) is one template. The arrays are replaced,
 * never changed in place, so a {@link MinedLine} can keep the pattern it was mined with.
 */
final class Template implements TokenSequence {

    static final String WILDCARD = "<*>";

    final int id;
    /** The line that started the template, to derive it again when the source's header is learnt anew. */
    final String example;
    long count;
    Template mergedInto;

    /** Constant text per position, {@code null} for {@code <*>}. */
    String[] tokens;
    long[] hashes;
    /**
     * Per position, the {@link Kinds kind} of its dotted name or 0. A {@code <*>} with a kind (a kind slot) stands
     * where lines held different names of that kind: it takes any value, and it still counts as a constant when a
     * new line is compared with the template, matching any name of its kind.
     */
    long[] kinds;
    /** The separator before each position; the last entry is what followed the last token. */
    String[] gaps;
    /** Constants and kind slots: the positions a line is compared on. */
    int constants;
    private String text;

    Template(int id, Tokens line) {
        this.id = id;
        this.example = line.line();
        reset(line);
    }

    /** Makes the template the line itself: its constants, and a {@code <*>} for each parameter. */
    void reset(Tokens line) {
        int size = line.size();
        String[] tokens = new String[size];
        long[] hashes = new long[size];
        long[] kinds = new long[size];
        String[] gaps = new String[size + 1];
        for (int t = 0; t < size; t++) {
            if (line.isConstant(t)) {
                tokens[t] = line.text(t);
                hashes[t] = line.hash(t);
            }
            kinds[t] = line.kind(t);
            gaps[t] = line.gapBefore(t);
        }
        gaps[size] = size == 0 ? "" : line.line().substring(line.end(size - 1), line.lineEnd());
        replace(tokens, hashes, kinds, gaps);
    }

    void replace(String[] tokens, long[] hashes, long[] kinds, String[] gaps) {
        this.tokens = tokens;
        this.hashes = hashes;
        this.kinds = kinds;
        this.gaps = gaps;
        int constants = 0;
        for (int t = 0; t < tokens.length; t++) {
            if (isAnchor(t)) {
                constants++;
            }
        }
        this.constants = constants;
        text = null;
    }

    /** Follows merges to the template that now stands for this one. */
    Template current() {
        Template t = this;
        while (t.mergedInto != null) {
            t = t.mergedInto;
        }
        return t;
    }

    @Override
    public int size() {
        return tokens.length;
    }

    @Override
    public boolean isConstant(int position) {
        return tokens[position] != null;
    }

    @Override
    public boolean constantEquals(int position, String text, long hash) {
        return hashes[position] == hash && text.equals(tokens[position]);
    }

    /** A constant or a kind slot: a position that takes part in similarity. */
    boolean isAnchor(int position) {
        return tokens[position] != null || kinds[position] != 0;
    }

    /** The key under which the miner indexes the constant at {@code position}: its kind if it has one. */
    long indexKey(int position) {
        return kinds[position] != 0 ? kinds[position] : hashes[position];
    }

    /** The template as text; adjacent {@code <*>} positions read as one. */
    String text() {
        if (text == null) {
            text = render(tokens, gaps);
        }
        return text;
    }

    /** The text of a template with these positions and separators. */
    static String render(String[] tokens, String[] gaps) {
        StringBuilder out = new StringBuilder();
        for (int t = 0; t < tokens.length; t++) {
            if (tokens[t] != null) {
                out.append(gaps[t]).append(tokens[t]);
            } else if (t == 0 || tokens[t - 1] != null) {
                out.append(gaps[t]).append(WILDCARD);
            }
        }
        return out.append(gaps[tokens.length]).toString().strip();
    }
}
