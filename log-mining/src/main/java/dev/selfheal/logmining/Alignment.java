package dev.selfheal.logmining;

import java.util.Arrays;

/**
 * Aligns a template with a line or with another template, in reusable buffers: a template's {@code <*>} takes any
 * run of tokens, including none, so lines of different lengths can share a template.
 */
final class Alignment {

    /** For each constant of the pattern last matched, the target position it matched. */
    private int[] matchedAt = new int[64];
    private int[] table = new int[1024];
    private int[] patternConstants = new int[64];
    private int[] lineConstants = new int[64];
    private int[] pairedTemplate = new int[64];
    private int[] pairedLine = new int[64];
    private int pairs;

    /**
     * Whether the pattern matches the whole target: each constant equals a constant of the target, in order, and
     * every other target position (a variable token or another template's {@code <*>}) falls inside a {@code <*>}.
     */
    boolean matches(String[] pattern, long[] hashes, TokenSequence target) {
        int m = pattern.length;
        int n = target.size();
        if (matchedAt.length < m) {
            matchedAt = new int[Math.max(m, matchedAt.length * 2)];
        }
        int p = 0;
        int s = 0;
        int starP = -1;
        int starS = 0;
        while (s < n) {
            if (p < m && pattern[p] != null && target.constantEquals(s, pattern[p], hashes[p])) {
                matchedAt[p++] = s++;
            } else if (p < m && pattern[p] == null) {
                starP = p++;
                starS = s;
            } else if (starP >= 0) {
                p = starP + 1;
                s = ++starS;
            } else {
                return false;
            }
        }
        while (p < m && pattern[p] == null) {
            p++;
        }
        return p == m;
    }

    /** After a successful {@link #matches}: the target position the pattern's constant at {@code position} took. */
    int matchedAt(int position) {
        return matchedAt[position];
    }

    /**
     * The longest common subsequence of the template's anchors and the line's: equal constants, or dotted names of
     * the same kind (a kind slot of the template matches any name of its kind). The pairs it aligns are kept for
     * {@link #generalise}.
     */
    int commonConstants(Template template, Tokens line) {
        int a = 0;
        patternConstants = ensure(patternConstants, template.size());
        for (int t = 0; t < template.size(); t++) {
            if (template.isAnchor(t)) {
                patternConstants[a++] = t;
            }
        }
        int b = 0;
        lineConstants = ensure(lineConstants, line.size());
        for (int t = 0; t < line.size(); t++) {
            if (line.isAnchor(t)) {
                lineConstants[b++] = t;
            }
        }
        int width = b + 1;
        table = ensure(table, (a + 1) * width);
        Arrays.fill(table, 0, (a + 1) * width, 0);
        for (int i = a - 1; i >= 0; i--) {
            int tp = patternConstants[i];
            for (int j = b - 1; j >= 0; j--) {
                table[i * width + j] = line.sameValueOrKind(lineConstants[j], template, tp)
                        ? table[(i + 1) * width + j + 1] + 1
                        : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
            }
        }
        int common = table[0];
        pairedTemplate = ensure(pairedTemplate, common);
        pairedLine = ensure(pairedLine, common);
        pairs = 0;
        int i = 0;
        int j = 0;
        while (i < a && j < b) {
            int tp = patternConstants[i];
            if (table[i * width + j] == table[(i + 1) * width + j + 1] + 1
                    && line.sameValueOrKind(lineConstants[j], template, tp)) {
                pairedTemplate[pairs] = tp;
                pairedLine[pairs++] = lineConstants[j];
                i++;
                j++;
            } else if (table[(i + 1) * width + j] >= table[i * width + j + 1]) {
                i++;
            } else {
                j++;
            }
        }
        return common;
    }

    /**
     * Rewrites the template to what it shares with the line aligned by {@link #commonConstants}: the paired constants
     * stay, a pair of different names of one kind becomes a kind slot, and every stretch between them where either
     * side holds anything else becomes one {@code <*>}.
     *
     * @return whether the template changed
     */
    boolean generalise(Template template, Tokens line) {
        int capacity = 2 * pairs + 1;
        String[] tokens = new String[capacity];
        long[] hashes = new long[capacity];
        long[] kinds = new long[capacity];
        String[] gaps = new String[capacity + 1];
        int size = 0;
        int previousT = -1;
        int previousL = -1;
        for (int k = 0; k <= pairs; k++) {
            int t = k < pairs ? pairedTemplate[k] : template.size();
            int l = k < pairs ? pairedLine[k] : line.size();
            boolean templateGap = t - previousT > 1;
            if (templateGap || l - previousL > 1) {
                gaps[size] = templateGap ? template.gaps[previousT + 1] : line.gapBefore(previousL + 1);
                size++;
            }
            if (k < pairs) {
                if (template.tokens[t] != null && line.textEquals(l, template.tokens[t])) {
                    tokens[size] = template.tokens[t];
                    hashes[size] = template.hashes[t];
                }
                kinds[size] = template.kinds[t];
                gaps[size++] = template.gaps[t];
            }
            previousT = t;
            previousL = l;
        }
        if (size == template.size() && Arrays.equals(tokens, 0, size, template.tokens, 0, size)) {
            return false;
        }
        gaps[size] = template.gaps[template.size()];
        template.replace(Arrays.copyOf(tokens, size), Arrays.copyOf(hashes, size), Arrays.copyOf(kinds, size),
                Arrays.copyOf(gaps, size + 1));
        return true;
    }

    private static int[] ensure(int[] buffer, int size) {
        return buffer.length >= size ? buffer : new int[Math.max(size, buffer.length * 2)];
    }
}
