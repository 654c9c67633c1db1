package dev.selfheal.logmining;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of mining one line: its template at the time it was mined and its parameter values.
 *
 * <p>Parameters are cut from the line only when asked for, by aligning it again with the template as it stood when
 * the line was mined, so that callers which need just the template id (counting, grouping) pay for nothing more.
 */
public final class MinedLine {

    private final int templateId;
    private final String template;
    private final String line;
    private final String[] pattern;
    private final long[] hashes;
    private final int headerEnd;

    MinedLine(int templateId, String template, String line, String[] pattern, long[] hashes, int headerEnd) {
        this.templateId = templateId;
        this.template = template;
        this.line = line;
        this.pattern = pattern;
        this.hashes = hashes;
        this.headerEnd = headerEnd;
    }

    public int templateId() {
        return templateId;
    }

    public String template() {
        return template;
    }

    /** The values that stand in the template's {@code <*>} positions, in order. */
    public List<String> parameters() {
        Tokens tokens = new Tokens();
        tokens.tokenise(line, headerEnd);
        Alignment alignment = new Alignment();
        List<String> values = new ArrayList<>();
        if (!alignment.matches(pattern, hashes, tokens)) {
            return values;
        }
        int next = 0;
        for (int p = 0; p < pattern.length; p++) {
            if (pattern[p] != null) {
                next = alignment.matchedAt(p) + 1;
                continue;
            }
            int end = p + 1 < pattern.length ? alignment.matchedAt(p + 1) : tokens.size();
            values.add(end > next ? line.substring(tokens.start(next), tokens.end(end - 1)) : "");
            next = end;
        }
        return values;
    }

    @Override
    public String toString() {
        return "MinedLine[templateId=" + templateId + ", template=" + template + ", parameters=" + parameters() + "]";
    }
}
