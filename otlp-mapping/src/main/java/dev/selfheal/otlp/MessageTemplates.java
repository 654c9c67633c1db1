package dev.selfheal.otlp;

import java.util.regex.Pattern;

/**
 * Reduces an error message to its template, so that "order 1234 not found" and "order 99 not found" are one
 * error: quoted values, UUIDs and every word holding a digit (numbers, ids, hex, durations) become {@code <*>}.
 */
public final class MessageTemplates {

    public static final String WILDCARD = "<*>";

    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"|`[^`]*`");
    private static final Pattern UUID = Pattern.compile(
            "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern WORD_WITH_DIGIT = Pattern.compile("[\\w.:/@+-]*\\d[\\w.:/@+-]*");
    private static final Pattern REPEATED_WILDCARD = Pattern.compile("<\\*>(?:[ ,]*<\\*>)+");
    private static final int MAX_LENGTH = 2048;

    private MessageTemplates() {
    }

    public static String template(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        String text = message.length() > MAX_LENGTH ? message.substring(0, MAX_LENGTH) : message;
        String reduced = QUOTED.matcher(text.strip()).replaceAll(WILDCARD);
        reduced = UUID.matcher(reduced).replaceAll(WILDCARD);
        reduced = WORD_WITH_DIGIT.matcher(reduced).replaceAll(WILDCARD);
        return REPEATED_WILDCARD.matcher(reduced).replaceAll(WILDCARD);
    }
}
