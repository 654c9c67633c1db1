package dev.selfheal.telemetry.logs;

import java.util.List;

/**
 * A log record with its template.
 *
 * @param record     the record's text, stack trace lines included
 * @param templateId 16 hex digits hashed from the template text, so every replica and every restart names the
 *                   same template alike
 * @param template   the template, variable parts as {@code <*>}
 * @param parameters the values in the template's {@code <*>} positions, in order
 */
public record MinedRecord(String record, String templateId, String template, List<String> parameters) {

    public MinedRecord {
        parameters = List.copyOf(parameters);
    }
}
