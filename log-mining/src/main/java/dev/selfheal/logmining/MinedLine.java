package dev.selfheal.logmining;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of mining one line: its template at the time it was mined and its parameter values.
 *
 * <p>The template text and the parameters are worked out only when asked for, from the template as it stood when the
 * line was mined (a template's arrays are replaced, never changed), so that callers which need just the template id
 * (counting, grouping) pay for nothing more.
 */
public final class MinedLine {

    private final int templateId;
    private final Template source;
    private final String line;
    private final String[] pattern;
    private final long[] hashes;
    private final String[] gaps;
    private final int headerEnd;
    private String template;

    MinedLine(Template source, String line, int headerEnd) {
        this.templateId = source.id;
        this.source = source;
        this.line = line;
        this.pattern = source.tokens;
        this.hashes = source.hashes;
        this.gaps = source.gaps;
        this.headerEnd = headerEnd;
    }

    public int templateId() {
        return templateId;
    }

    /** The template as it stood when the line was mined. */
    public String template() {
        if (template == null) {
            template = source.tokens == pattern ? source.text() : Template.render(pattern, gaps);
        }
        return template;
    }

    /** The values that stand in the template's {@code <*>} positions, in order: one per {@code <*>} of its text. */
    public List<String> parameters() {
        Tokens tokens = new Tokens();
        tokens.tokenise(line, headerEnd);
        Alignment alignment = new Alignment();
        List<String> values = new ArrayList<>();
        if (!alignment.matches(pattern, hashes, tokens)) {
            return values;
        }
        int next = 0;
        int p = 0;
        while (p < pattern.length) {
            if (pattern[p] != null) {
                next = alignment.matchedAt(p) + 1;
                p++;
                continue;
            }
            // Adjacent <*> positions (a kind slot next to a stretch that varies) read as one in the text: one value.
            int constant = p + 1;
            while (constant < pattern.length && pattern[constant] == null) {
                constant++;
            }
            int end = constant < pattern.length ? alignment.matchedAt(constant) : tokens.size();
            values.add(end > next ? line.substring(tokens.start(next), tokens.end(end - 1)) : "");
            next = end;
            p = constant;
        }
        return values;
    }

    @Override
    public String toString() {
        return "MinedLine[templateId=" + templateId + ", template=" + template + ", parameters=" + parameters() + "]";
    }
}
