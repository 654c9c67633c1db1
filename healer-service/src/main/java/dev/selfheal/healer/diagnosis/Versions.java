package dev.selfheal.healer.diagnosis;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reading the comma-separated version lists detectors put in their evidence, and ordering versions. */
final class Versions {

    private static final Pattern PARTS = Pattern.compile("[.\\-+_]");

    /**
     * Orders versions the way releases are numbered: numeric parts numerically ({@code 1.10 > 1.9}), other
     * parts as text, and a version before its longer variants ({@code 1.4 < 1.4.1}).
     */
    static final Comparator<String> RELEASE_ORDER = Versions::compare;

    private Versions() {
    }

    /** The distinct, non-blank versions of a comma-separated list, in the order given. */
    static Set<String> parse(String list) {
        Set<String> versions = new LinkedHashSet<>();
        if (list != null) {
            Arrays.stream(list.split(",")).map(String::strip).filter(v -> !v.isEmpty()).forEach(versions::add);
        }
        return versions;
    }

    static String join(Set<String> versions) {
        return String.join(", ", versions);
    }

    private static int compare(String a, String b) {
        List<String> left = List.of(PARTS.split(a));
        List<String> right = List.of(PARTS.split(b));
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int byPart = comparePart(left.get(i), right.get(i));
            if (byPart != 0) {
                return byPart;
            }
        }
        int byLength = Integer.compare(left.size(), right.size());
        return byLength != 0 ? byLength : a.compareTo(b);
    }

    private static int comparePart(String a, String b) {
        boolean numericA = a.chars().allMatch(Character::isDigit) && !a.isEmpty();
        boolean numericB = b.chars().allMatch(Character::isDigit) && !b.isEmpty();
        if (numericA && numericB) {
            return new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
        }
        if (numericA != numericB) {
            return numericA ? 1 : -1;
        }
        return a.compareTo(b);
    }
}
