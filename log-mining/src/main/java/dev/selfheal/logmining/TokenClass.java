package dev.selfheal.logmining;

/**
 * Generic classes of variable tokens beyond "contains a digit", which covers numbers, times, hex, ids, IP addresses
 * and most generated names and is decided while tokenising.
 *
 * <p>The classes here hold no digit yet never tell one kind of event from another: file paths and URLs, and the
 * words every log header is made of (severity levels, weekday and month names). Severity counts as a parameter
 * because the same statement is logged at different levels by different code paths and systems.
 */
final class TokenClass {

    private static final String[] HEADER_WORDS = {
        "TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "WARNING", "ERROR", "SEVERE", "FATAL", "CRITICAL",
        "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    };

    private TokenClass() {
    }

    static boolean isVariableWithoutDigit(String text, int start, int end) {
        if (text.charAt(start) == '[' && text.charAt(end - 1) == ']') {
            start++;
            end--;
        }
        int length = end - start;
        if (length < 3) {
            return false;
        }
        if (text.charAt(start) == '/') {
            int next = text.indexOf('/', start + 1);
            return next > 0 && next < end;
        }
        if (length <= 8 && isHeaderWord(text, start, length)) {
            return true;
        }
        for (int i = start; i + 2 < end; i++) {
            if (text.charAt(i) == ':' && text.charAt(i + 1) == '/' && text.charAt(i + 2) == '/') {
                return true;
            }
        }
        return false;
    }

    private static boolean isHeaderWord(String text, int start, int length) {
        for (String word : HEADER_WORDS) {
            if (word.length() == length && text.regionMatches(true, start, word, 0, length)) {
                return true;
            }
        }
        return false;
    }
}
