package dev.selfheal.logmining;

import java.util.Arrays;

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

    /** Case-folded hashes of {@link #HEADER_WORDS}, sorted: one lookup instead of a comparison per word. */
    private static final long[] HEADER_WORD_HASHES = headerWordHashes();

    /**
     * Units written after a number ({@code 35 ms}, {@code <1 sec}, {@code 660 KB}): with the number they are one
     * value, as {@code 35ms} already is, so a value written with and without its unit keeps one template.
     */
    private static final String[] UNITS = {
        "ns", "us", "ms", "s", "sec", "secs", "min", "mins", "B", "KB", "MB", "GB", "TB", "kB",
    };

    private TokenClass() {
    }

    /**
     * Where the number starts in a word with a number glued to it ({@code onExtend:1514038530000},
     * {@code tryToReloadTodayBasicSteps1514044800223}, {@code blk_38865}, {@code blk_-3886}, {@code eth0}), or -1
     * for any other token.
     * The word names what the number is, so it stays a constant: a statement is not told apart by its numbers, but
     * {@code alt0} and {@code ee0} are different things.
     */
    static int gluedNumber(String text, int start, int end) {
        int i = start;
        while (i < end && Character.isLetter(text.charAt(i))) {
            i++;
        }
        if (i - start < 2 || i == end) {
            return -1;
        }
        char c = text.charAt(i);
        if (c == ':' || c == '_' || c == '-') {
            i++;
        }
        int number = i;
        if (i + 1 < end && text.charAt(i) == '-') {
            i++;
        }
        if (number == end) {
            return -1;
        }
        for (; i < end; i++) {
            c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        return number;
    }

    /**
     * Whether the token is {@code true} or {@code false}: a flag's value is part of what a statement
     * says ({@code expand=true} against {@code expand=false}), where any other value after {@code =} is a parameter.
     */
    static boolean isLiteral(String text, int start, int end) {
        int length = end - start;
        return length == 4 && text.startsWith("true", start) || length == 5 && text.startsWith("false", start);
    }

    /** Whether the token is a unit ({@link #UNITS}); the caller checks that a number comes right before it. */
    static boolean isUnit(String text, int start, int end) {
        int length = end - start;
        if (length > 4) {
            return false;
        }
        for (String unit : UNITS) {
            if (unit.length() == length && text.startsWith(unit, start)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a token without a digit is a parameter all the same. The scan that found the token passes what it saw,
     * so that nothing here reads past the token.
     *
     * @param slash    the index of the token's first {@code /} after its first character, or -1
     * @param hasDot   whether the token holds a {@code .}
     * @param hasEquals whether the token holds a {@code =} (a parenthesised group can)
     */
    static boolean isVariableWithoutDigit(String text, int start, int end, int slash, boolean hasDot,
            boolean hasEquals) {
        int length = end - start;
        if (length == 1) {
            return isLevelLetter(text.charAt(start));
        }
        if (length < 3) {
            return false;
        }
        char first = text.charAt(start);
        if (first == '/') {
            return slash > 0;
        }
        if (first == '(') {
            return hasEquals;
        }
        if (slash > 0 && (hasDot && slash < end - 1 || isUrl(text, slash, end))) {
            return true;
        }
        return length <= 8 && isHeaderWord(text, start, length);
    }

    private static boolean isUrl(String text, int slash, int end) {
        return slash + 1 < end && text.charAt(slash - 1) == ':' && text.charAt(slash + 1) == '/';
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
     * {@code Warning}, {@code Jun}); in lower case ({@code Link error}, {@code critical}) they are words of the
     * message and may be all that tells two events apart.
     */
    private static boolean isHeaderWord(String text, int start, int length) {
        if (!Character.isUpperCase(text.charAt(start))) {
            return false;
        }
        if (Arrays.binarySearch(HEADER_WORD_HASHES, foldedHash(text, start, start + length)) < 0) {
            return false;
        }
        for (String word : HEADER_WORDS) {
            if (word.length() == length && text.regionMatches(true, start, word, 0, length)) {
                return true;
            }
        }
        return false;
    }

    private static long foldedHash(String text, int start, int end) {
        long hash = 0xcbf29ce484222325L;
        for (int i = start; i < end; i++) {
            hash = (hash ^ Character.toLowerCase(text.charAt(i))) * 0x100000001b3L;
        }
        return hash;
    }

    private static long[] headerWordHashes() {
        long[] hashes = new long[HEADER_WORDS.length];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = foldedHash(HEADER_WORDS[i], 0, HEADER_WORDS[i].length());
        }
        Arrays.sort(hashes);
        return hashes;
    }
}
