package dev.selfheal.detector.rest;

import dev.selfheal.platform.problem.ProblemException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads query parameters as text and checks them here, so that a malformed value is a 400 naming the parameter
 * rather than the framework's bare 404 for an unconvertible query parameter.
 */
public final class QueryParams {

    public static final int MAX_NAME = 255;

    private QueryParams() {
    }

    /** An optional name filter: absent is empty; present must not be blank nor longer than {@link #MAX_NAME}. */
    public static Optional<String> name(String parameter, String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBlank()) {
            throw ProblemException.invalid(parameter, "must not be blank; leave it out to list all");
        }
        if (value.length() > MAX_NAME) {
            throw ProblemException.invalid(parameter, "must be at most " + MAX_NAME + " characters");
        }
        return Optional.of(value.strip());
    }

    /** A page size: absent is {@code fallback}; present must be a whole number from 1 to {@code max}. */
    public static int limit(String parameter, String value, int fallback, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below, with the accepted range
        }
        throw ProblemException.invalid(parameter, "must be a whole number from 1 to " + max + ", not '" + value + "'");
    }

    /** An optional enum filter, case-insensitive; an unknown value lists the accepted ones. */
    public static <E extends Enum<E>> Optional<E> oneOf(String parameter, String value, Class<E> type) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            String accepted = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            throw ProblemException.invalid(parameter, "must be one of " + accepted + ", not '" + value + "'");
        }
    }
}
