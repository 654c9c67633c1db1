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
    long count;
    Template mergedInto;

    /** Constant text per position, {@code null} for {@code <*>}. */
    String[] tokens;
    long[] hashes;
    /** The separator before each position; the last entry is what followed the last token. */
    String[] gaps;
    int constants;
    private String text;

    Template(int id, Tokens line) {
        this.id = id;
        int size = line.size();
        String[] tokens = new String[size];
        long[] hashes = new long[size];
        String[] gaps = new String[size + 1];
        for (int t = 0; t < size; t++) {
            if (line.isConstant(t)) {
                tokens[t] = line.text(t);
                hashes[t] = line.hash(t);
            }
            gaps[t] = line.gapBefore(t);
        }
        gaps[size] = size == 0 ? "" : line.line().substring(line.end(size - 1), line.lineEnd());
        replace(tokens, hashes, gaps);
    }

    void replace(String[] tokens, long[] hashes, String[] gaps) {
        this.tokens = tokens;
        this.hashes = hashes;
        this.gaps = gaps;
        int constants = 0;
        for (String token : tokens) {
            if (token != null) {
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

    String text() {
        if (text == null) {
            StringBuilder out = new StringBuilder();
            for (int t = 0; t < tokens.length; t++) {
                out.append(gaps[t]).append(tokens[t] == null ? WILDCARD : tokens[t]);
            }
            text = out.append(gaps[tokens.length]).toString().strip();
        }
        return text;
    }
}
