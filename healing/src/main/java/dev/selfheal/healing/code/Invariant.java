package dev.selfheal.healing.code;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The state invariant a write broke, as a state anomaly's evidence names it: its signature
 * ({@code range:order.quantity}) and the details {@code expected} and {@code observed}.
 *
 * @param kind     which invariant
 * @param expected what was learned: {@code [1, 20]} for a range, {@code INTEGER|DECIMAL} for types,
 *                 {@code NEW|PAID} for allowed values, {@code never null}
 * @param observed the value written against it
 */
public record Invariant(Kind kind, String expected, String observed) {

    private static final Pattern RANGE = Pattern.compile("\\[\\s*([-+0-9.eE]+)\\s*,\\s*([-+0-9.eE]+)\\s*]");

    /** The invariants the state detector learns. */
    public enum Kind {
        /** The key was never null. */
        NULL,
        /** Numbers stayed within a range. */
        RANGE,
        /** Values had one type (integer, decimal, boolean, text). */
        TYPE,
        /** Values came from a small set (a category, a status). */
        VALUE,
        /** Transitions, writers, unexpected keys: not a constraint on one field's value. */
        OTHER
    }

    /** The invariant an anomaly's signature and details describe. */
    public static Invariant fromEvidence(String signature, Map<String, String> details) {
        String prefix = signature == null || !signature.contains(":") ? ""
                : signature.substring(0, signature.indexOf(':')).toLowerCase(Locale.ROOT);
        Kind kind = switch (prefix) {
            case "null" -> Kind.NULL;
            case "range" -> Kind.RANGE;
            case "type" -> Kind.TYPE;
            case "value" -> Kind.VALUE;
            default -> Kind.OTHER;
        };
        return new Invariant(kind, details.get("expected"), details.get("observed"));
    }

    /** The learned range's bounds, for a {@link Kind#RANGE} invariant whose expected text is {@code [low, high]}. */
    public Optional<double[]> range() {
        if (expected == null) {
            return Optional.empty();
        }
        Matcher m = RANGE.matcher(expected);
        return m.find() ? Optional.of(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))})
                : Optional.empty();
    }

    /** The observed value as a number, when it is one. */
    public Optional<Double> observedNumber() {
        try {
            return observed == null ? Optional.empty() : Optional.of(Double.parseDouble(observed));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
