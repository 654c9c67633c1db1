package dev.selfheal.logmining;

import java.util.Arrays;

/**
 * Generic classes of variable tokens beyond "contains a digit", which covers numbers, times, hex, ids, IP addresses
 * and most generated names and is decided while tokenising.
 *
 * <p>The classes here hold no digit yet never tell one kind of event from another: file paths, URLs and
 * {@code package/Class} names, parenthesised {@code key=value} groups, units written after a number, and the words
 * log headers are made of (severity levels, including logcat's one-letter ones, weekday and month names, upper case
 * or capitalised). Severity counts as a parameter because the same statement is logged at different levels by
 * different code paths and systems. Values after {@code =} are parameters too, except {@code true} and
 * {@code false}: a flag's value is part of what is said.
 */
final class TokenClass {

    private static final String[] HEADER_WORDS = {
        "TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "WARNING", "ERROR", "SEVERE", "FATAL", "CRITICAL",
        "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    };

    /** {@link #key Keys} of {@link #HEADER_WORDS}, sorted: one lookup rules out most words. */
    private static final int[] HEADER_WORD_KEYS = headerWordKeys();

    /**
     * Units written after a number ({@code 35 ms}, {@code <1 sec}, {@code 660 KB}): with the number they are one
     * value, as {@code 35ms} already is, so a value written with and without its unit keeps one template.
     */
    private static final String[] UNITS = {
        "ns", "us", "ms", "s", "sec", "secs", "min", "mins", "B", "KB", "MB", "GB", "TB", "kB",
    };

    private static final String UNIT_INITIALS = unitInitials();

    private TokenClass() {
    }

    /**
     * Where the number starts in a word with a number glued to it ({@code onExtend:1514038530000},
     * {@code tryToReloadTodayBasicSteps1514044800223}, {@code blk_38865}, {@code blk_-3886}, {@code eth0}), or -1
     * for any other token. The word names what the number is, so it stays a constant: a statement is not told apart
     * by its numbers, but {@code alt0} and {@code ee0} are different things.
     */
    static int gluedNumber(char[] text, int start, int end) {
        int i = start;
        while (i < end && isAsciiLetter(text[i])) {
            i++;
        }
        if (i - start < 2 || i == end) {
            return -1;
        }
        char c = text[i];
        if (c == ':' || c == '_' || c == '-') {
            i++;
        }
        int number = i;
        if (i + 1 < end && text[i] == '-') {
            i++;
        }
        if (number == end) {
            return -1;
        }
        for (; i < end; i++) {
            c = text[i];
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        return number;
    }

    /**
     * Whether the token is {@code true} or {@code false}: a flag's value is part of what a statement says
     * ({@code expand=true} against {@code expand=false}), where any other value after {@code =} is a parameter.
     */
    static boolean isLiteral(char[] text, int start, int end) {
        return equals(text, start, end, "true") || equals(text, start, end, "false");
    }

    /** Whether the token is a unit ({@link #UNITS}); the caller checks that a number comes right before it. */
    static boolean isUnit(char[] text, int start, int end) {
        if (end - start > 4 || UNIT_INITIALS.indexOf(text[start]) < 0) {
            return false;
        }
        for (String unit : UNITS) {
            if (equals(text, start, end, unit)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a token without a digit is a parameter all the same. The scan that found the token passes what it saw,
     * so that nothing here reads past the token.
     *
     * @param slash     the index of the token's first {@code /} after its first character, or -1
     * @param hasDot    whether the token holds a {@code .}
     * @param hasEquals whether the token holds a {@code =} (a parenthesised group can)
     */
    static boolean isVariableWithoutDigit(char[] text, int start, int end, int slash, boolean hasDot,
            boolean hasEquals) {
        int length = end - start;
        char first = text[start];
        if (length == 1) {
            return isLevelLetter(first);
        }
        if (length < 3) {
            return false;
        }
        if (first == '/') {
            return slash > 0;
        }
        if (first == '(') {
            return hasEquals;
        }
        if (slash > 0 && (hasDot && slash < end - 1 || isUrl(text, slash, end))) {
            return true;
        }
        return length <= 8 && first >= 'A' && first <= 'Z' && isHeaderWord(text, start, end);
    }

    private static boolean isUrl(char[] text, int slash, int end) {
        return slash + 1 < end && text[slash - 1] == ':' && text[slash + 1] == '/';
    }

    /**
     * The one-letter severities of Android's logcat and of glog ({@code V D I W E F}): header fields like
     * {@code INFO}, where they would otherwise count as a constant every line of a level shares.
     */
    private static boolean isLevelLetter(char c) {
        return c == 'V' || c == 'D' || c == 'I' || c == 'W' || c == 'E' || c == 'F';
    }

    /**
     * Header words are written as logging libraries print them, upper case or capitalised ({@code INFO},
     * {@code Warning}, {@code Jun}); the caller checks the capital. In lower case ({@code Link error},
     * {@code critical}) they are words of the message and may be all that tells two events apart.
     */
    private static boolean isHeaderWord(char[] text, int start, int end) {
        if (Arrays.binarySearch(HEADER_WORD_KEYS, key(text, start, end)) < 0) {
            return false;
        }
        for (String word : HEADER_WORDS) {
            if (equalsIgnoringCase(text, start, end, word)) {
                return true;
            }
        }
        return false;
    }

    /** Length, first two and last letter, case-folded: tells most words from every header word in a few steps. */
    private static int key(char[] text, int start, int end) {
        return (end - start) << 24 | lowerCase(text[start]) << 16 | lowerCase(text[start + 1]) << 8
                | lowerCase(text[end - 1]) & 0xff;
    }

    private static boolean equals(char[] text, int start, int end, String word) {
        if (word.length() != end - start) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (text[start + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalsIgnoringCase(char[] text, int start, int end, String word) {
        if (word.length() != end - start) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (lowerCase(text[start + i]) != lowerCase(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static char lowerCase(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static String unitInitials() {
        StringBuilder initials = new StringBuilder();
        for (String unit : UNITS) {
            if (initials.indexOf(unit.substring(0, 1)) < 0) {
                initials.append(unit.charAt(0));
            }
        }
        return initials.toString();
    }

    private static int[] headerWordKeys() {
        int[] keys = new int[HEADER_WORDS.length];
        for (int w = 0; w < keys.length; w++) {
            char[] word = HEADER_WORDS[w].toCharArray();
            keys[w] = key(word, 0, word.length);
        }
        Arrays.sort(keys);
        return keys;
    }
}
