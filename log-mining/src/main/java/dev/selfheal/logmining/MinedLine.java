package dev.selfheal.logmining;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of mining one line: its template at the time it was mined and its parameter values.
 *
 * <p>Parameters are cut from the line only when asked for, so that callers which need just the template id
 * (counting, grouping) pay for no substrings.
 */
public final class MinedLine {

    private final int templateId;
    private final String template;
    private final String line;
    private final int[] parameterBounds;

    MinedLine(int templateId, String template, String line, int[] parameterBounds) {
        this.templateId = templateId;
        this.template = template;
        this.line = line;
        this.parameterBounds = parameterBounds;
    }

    public int templateId() {
        return templateId;
    }

    public String template() {
        return template;
    }

    /** The values that stand in the template's {@code <*>} positions, in order. */
    public List<String> parameters() {
        List<String> values = new ArrayList<>(parameterBounds.length / 2);
        for (int i = 0; i < parameterBounds.length; i += 2) {
            values.add(line.substring(parameterBounds[i], parameterBounds[i + 1]));
        }
        return values;
    }

    @Override
    public String toString() {
        return "MinedLine[templateId=" + templateId + ", template=" + template + ", parameters=" + parameters() + "]";
    }
}
