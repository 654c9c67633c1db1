package dev.selfheal.logmining;

/**
 * A mutable template inside the miner: one constant string per token position, or {@code null} where the position
 * holds a parameter. It keeps the first line it was built from to render its text with that line's separators.
 */
final class Template {

    static final String WILDCARD = "<*>";

    final int id;
    final String[] tokens;
    long count;
    Template mergedInto;

    private final String sample;
    private final int[] sampleBounds;
    private String text;

    Template(int id, Tokens line) {
        this.id = id;
        int size = line.size();
        tokens = new String[size];
        sampleBounds = new int[size * 2 + 1];
        for (int t = 0; t < size; t++) {
            tokens[t] = line.isVariable(t) ? null : line.text(t);
            sampleBounds[2 * t] = line.start(t);
            sampleBounds[2 * t + 1] = line.end(t);
        }
        sampleBounds[size * 2] = line.lineEnd();
        sample = line.line();
    }

    /** Follows merges to the template that now stands for this one. */
    Template current() {
        Template t = this;
        while (t.mergedInto != null) {
            t = t.mergedInto;
        }
        return t;
    }

    void generalise(int position) {
        tokens[position] = null;
        text = null;
    }

    /** True when every line this other template matches is matched by this one too. */
    boolean covers(Template other) {
        if (other.tokens.length != tokens.length) {
            return false;
        }
        for (int t = 0; t < tokens.length; t++) {
            if (tokens[t] != null && !tokens[t].equals(other.tokens[t])) {
                return false;
            }
        }
        return true;
    }

    String text() {
        if (text == null) {
            StringBuilder out = new StringBuilder(sample.length());
            int previousEnd = 0;
            for (int t = 0; t < tokens.length; t++) {
                int start = sampleBounds[2 * t];
                out.append(sample, previousEnd, start).append(tokens[t] == null ? WILDCARD : tokens[t]);
                previousEnd = sampleBounds[2 * t + 1];
            }
            out.append(sample, previousEnd, sampleBounds[tokens.length * 2]);
            text = out.toString().strip();
        }
        return text;
    }
}
