package dev.selfheal.logmining;

import java.util.Arrays;

/**
 * One line cut into tokens and classed, in reusable buffers so that tokenising allocates nothing once warmed up.
 *
 * <p>A token is a maximal run of characters that are neither whitespace nor one of the structural delimiters
 * {@code , ; | ( ) ] { } " ' =}, except that a bracketed or parenthesised group, and a quoted value after {@code =},
 * is one token. Splitting on {@code =} keeps the key of a {@code key=value} pair as a constant while its value
 * becomes a parameter; inside a path ({@code /a?b=c}) {@code =} does not split. Colons, dots, slashes and dashes
 * stay inside tokens so that times, addresses with ports, host names, paths and URLs each remain one parameter.
 *
 * <p>Each token is a constant or a parameter ({@link TokenClass}); the tokens up to the source's learnt header end
 * ({@link HeaderModel}) are parameters whatever their class. A word with a number glued to it ({@code blk_123})
 * becomes the word, a constant, and the number. A dotted name ({@code chrome.exe}) also carries its {@link Kinds
 * kind}. Adjacent parameters collapse into one.
 */
final class Tokens implements TokenSequence {

    private static final int DELIMITER = 1;
    private static final int LINE_BREAK = 2;
    private static final int ENDS_TOKEN = DELIMITER | LINE_BREAK;
    private static final int DIGIT = 4;
    /** Characters of a dotted name: letters, digits, {@code . _ - $}. */
    private static final int NAME = 8;
    private static final int DOT = 16;
    private static final int SLASH = 32;
    private static final int EQUALS = 64;
    private static final int LETTER = 128;
    /** What the scan needs to know of each character, in one lookup; only ASCII characters have flags. */
    private static final short[] CLASSES = classes();

    /** The line's characters: scanning an array is cheaper than {@code String.charAt}. */
    private char[] chars = new char[256];
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private boolean[] variable = new boolean[64];
    private long[] hashes = new long[64];
    private long[] kinds = new long[64];
    private int size;
    /** Bit {@code k} set when the line's {@code k}-th token is a parameter by its own class, header aside. */
    private long leadingVariables;
    private String line;
    private int lineEnd;

    /**
     * Tokenises {@code text} up to its first line break: the rest of a multi-line record never shapes its template.
     *
     * @param headerEnd the index among the line's first tokens (counted before adjacent parameters collapse) up to
     *                  which every token is a header field and so a parameter; -1 for none
     */
    void tokenise(String text, int headerEnd) {
        line = text;
        size = 0;
        leadingVariables = 0;
        int length = text.length();
        if (chars.length < length) {
            chars = new char[Math.max(length, chars.length * 2)];
        }
        char[] chars = this.chars;
        text.getChars(0, length, chars, 0);
        int i = 0;
        int index = 0;
        boolean afterNumber = false;
        while (i < length) {
            char c = chars[i];
            if (c == '\n' || c == '\r') {
                break;
            }
            int groupEnd = c == '[' ? closing(chars, i, length, '[', ']')
                    : c == '(' ? closing(chars, i, length, '(', ')')
                    : c == '"' && i > 0 && chars[i - 1] == '=' ? closingQuote(chars, i, length)
                    : -1;
            if (groupEnd < 0 && (CLASSES[c] & DELIMITER) != 0) {
                i++;
                continue;
            }
            int start = i;
            if (groupEnd >= 0 && c != '(') {
                // A square-bracketed group or a quoted value is a parameter whatever it holds: no need to read it.
                i = groupEnd + 1;
                if (index < HeaderModel.MAX_FIELDS) {
                    leadingVariables |= 1L << index;
                }
                index++;
                afterNumber = false;
                add(start, i, 0, 0, true);
                continue;
            }
            int seen = 0;
            int dot = -1;
            int slash = -1;
            boolean path = c == '/';
            int stop = groupEnd >= 0 ? groupEnd + 1 : length;
            int breaks = groupEnd >= 0 ? 0 : ENDS_TOKEN;
            while (i < stop) {
                c = chars[i];
                int flags = CLASSES[c];
                if ((flags & breaks) != 0 && !(c == '=' && path)) {
                    break;
                }
                seen |= flags | (~flags & NAME) << 8;
                if ((flags & (DOT | SLASH)) != 0) {
                    if (c == '.') {
                        dot = i;
                    } else if (slash < 0 && i > start) {
                        slash = i;
                    }
                }
                i++;
            }
            boolean hasDigit = (seen & DIGIT) != 0;
            boolean name = (seen & NAME << 8) == 0;
            boolean context = !hasDigit && afterNumber && TokenClass.isUnit(chars, start, i);
            afterNumber = hasDigit;
            boolean value = start > 0 && chars[start - 1] == '=';
            long kind = name && !value && index > headerEnd && dot > start && dot < i - 1
                    ? Kinds.ofLastSegment(chars, dot + 1, i) : 0;
            boolean isVariable = context || hasDigit
                    || value && !TokenClass.isLiteral(chars, start, i)
                    || TokenClass.isVariableWithoutDigit(chars, start, i, slash, dot >= 0, (seen & EQUALS) != 0);
            if (index < HeaderModel.MAX_FIELDS && isVariable) {
                leadingVariables |= 1L << index;
            }
            if (index <= headerEnd) {
                isVariable = true;
                kind = 0;
            }
            index++;
            int number = hasDigit && groupEnd < 0 && index > headerEnd + 1 && (seen & LETTER) != 0
                    ? TokenClass.gluedNumber(chars, start, i) : -1;
            if (number > 0) {
                long word = hashOf(chars, start, number);
                if (size >= 2 && variable[size - 1] && hashes[size - 2] == word && !variable[size - 2]) {
                    ends[size - 1] = i;
                } else {
                    add(start, number, word, 0, false);
                    add(number, i, 0, 0, true);
                }
                continue;
            }
            add(start, i, isVariable ? 0 : hashOf(chars, start, i), kind, isVariable);
        }
        lineEnd = i;
    }

    /**
     * Adjacent parameters collapse into one ({@code 10.0.0.1,10.0.0.2}, a list of block ids, a timestamp spread over
     * several tokens): how many values a list holds must not make a new template.
     */
    private void add(int start, int end, long hash, long kind, boolean isVariable) {
        if (isVariable && kind == 0 && size > 0 && variable[size - 1] && kinds[size - 1] == 0) {
            ends[size - 1] = end;
            return;
        }
        if (size == starts.length) {
            int capacity = size * 2;
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
            variable = Arrays.copyOf(variable, capacity);
            hashes = Arrays.copyOf(hashes, capacity);
            kinds = Arrays.copyOf(kinds, capacity);
        }
        starts[size] = start;
        ends[size] = end;
        variable[size] = isVariable;
        hashes[size] = hash;
        kinds[size] = kind;
        size++;
    }

    /**
     * The index of the bracket closing the one at {@code open} on the same line, or -1. A bracketed or parenthesised
     * group is one token. Headers put thread names, request contexts, levels and timestamps in square brackets, so
     * such a group is always a parameter and takes one position however many words it holds
     * ({@code [main]} against {@code [RMCommunicator Allocator]}). A parenthesised group is one value as well
     * ({@code (1.20 KB)}, {@code (HWID=1973)}): a parameter when it holds a digit, a constant otherwise.
     */
    private static int closing(char[] text, int open, int length, char opening, char closing) {
        int depth = 0;
        for (int i = open; i < length; i++) {
            char c = text[i];
            if (c == opening) {
                depth++;
            } else if (c == closing && --depth == 0) {
                return i;
            } else if (c == '\n' || c == '\r') {
                return -1;
            }
        }
        return -1;
    }

    private static short[] classes() {
        short[] classes = new short[Character.MAX_VALUE + 1];
        for (char c = 0; c < 128; c++) {
            int flags = isDelimiter(c) ? DELIMITER : 0;
            if (c == '\n' || c == '\r') {
                flags |= LINE_BREAK;
            }
            if (c >= '0' && c <= '9') {
                flags |= DIGIT | NAME;
            }
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                flags |= NAME | LETTER;
            }
            if (c == '_' || c == '-' || c == '$') {
                flags |= NAME;
            }
            if (c == '.') {
                flags |= DOT | NAME;
            }
            if (c == '/') {
                flags |= SLASH;
            }
            if (c == '=') {
                flags |= EQUALS;
            }
            classes[c] = (short) flags;
        }
        return classes;
    }

    /** The index of the quote closing a quoted value ({@code tag="View Lock"}) on the same line, or -1. */
    private static int closingQuote(char[] text, int open, int length) {
        for (int i = open + 1; i < length; i++) {
            char c = text[i];
            if (c == '"') {
                return i;
            } else if (c == '\n' || c == '\r') {
                return -1;
            }
        }
        return -1;
    }

    static boolean isDelimiter(char c) {
        switch (c) {
            case ' ', '\t', ',', ';', '|', '(', ')', ']', '{', '}', '"', '\'', '=':
                return true;
            default:
                return c < ' ';
        }
    }

    /** The hash {@link #tokenise} gives a constant token with this text. */
    private static long hashOf(char[] text, int start, int end) {
        long hash = 0xcbf29ce484222325L;
        for (int i = start; i < end; i++) {
            hash = (hash ^ text[i]) * 0x100000001b3L;
        }
        return hash;
    }

    /** Which of the line's first {@link HeaderModel#MAX_FIELDS} tokens are parameters by their own class. */
    long leadingVariables() {
        return leadingVariables;
    }

    /** A hash of the token sequence with every variable token reduced to the same placeholder. */
    long shapeHash() {
        long h = size;
        for (int t = 0; t < size; t++) {
            h = h * 0x9E3779B97F4A7C15L + (variable[t] ? 0x5bd1e995L + kinds[t] : hashes[t]);
        }
        h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
        return h ^ (h >>> 33);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isConstant(int t) {
        return !variable[t];
    }

    @Override
    public boolean constantEquals(int t, String text, long hash) {
        return !variable[t] && hashes[t] == hash && textEquals(t, text);
    }

    boolean isVariable(int t) {
        return variable[t];
    }

    long hash(int t) {
        return hashes[t];
    }

    /** The key under which a template holding this constant is indexed: see {@link Template#indexKey}. */
    long indexKey(int t) {
        return kinds[t] != 0 ? kinds[t] : hashes[t];
    }

    /**
     * A constant or a dotted name: the tokens a line is compared on. A dotted name with a digit ({@code 360AP.exe})
     * is a parameter, yet it still matches names of its kind.
     */
    boolean isAnchor(int t) {
        return !variable[t] || kinds[t] != 0;
    }

    /** Whether the anchor at {@code t} equals the template's constant or is a name of the same kind. */
    boolean sameValueOrKind(int t, Template template, int position) {
        long kind = kinds[t];
        if (kind != 0) {
            return kind == template.kinds[position];
        }
        return !variable[t] && hashes[t] == template.hashes[position] && template.tokens[position] != null
                && textEquals(t, template.tokens[position]);
    }

    /** The kind of a dotted name ({@link Kinds}), 0 for any other token. */
    long kind(int t) {
        return kinds[t];
    }

    /** The separator text between token {@code t - 1} (or the line start) and token {@code t}. */
    String gapBefore(int t) {
        return t == 0 ? "" : line.substring(ends[t - 1], starts[t]);
    }

    int start(int t) {
        return starts[t];
    }

    int end(int t) {
        return ends[t];
    }

    String line() {
        return line;
    }

    int lineEnd() {
        return lineEnd;
    }

    String text(int t) {
        return line.substring(starts[t], ends[t]);
    }

    boolean textEquals(int t, String other) {
        int length = ends[t] - starts[t];
        return other.length() == length && line.regionMatches(starts[t], other, 0, length);
    }
}
