package dev.selfheal.telemetry.trace;

import dev.selfheal.platform.problem.FieldError;
import dev.selfheal.platform.problem.ProblemException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which traces {@code GET /api/traces} lists: a trace matches when one of its spans matches every filter given.
 *
 * @param service a span's service, exactly; null for any
 * @param handler a span's handler, exactly; null for any
 * @param status  {@code OK} or {@code ERROR}; null for any
 * @param from    the earliest span start, inclusive; null for no bound
 * @param to      the latest span start, inclusive; null for no bound
 * @param limit   most traces listed
 */
public record TraceQuery(String service, String handler, String status, Instant from, Instant to, int limit) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 500;

    private static final Set<String> STATUSES = Set.of("OK", "ERROR");

    /** True when no filter is given, so every stored trace matches. */
    public boolean unfiltered() {
        return service == null && handler == null && status == null && from == null && to == null;
    }

    /**
     * Reads the query parameters as sent (blank ones count as absent) and names every bad one.
     *
     * @throws ProblemException an invalid-request problem listing each bad parameter
     */
    public static TraceQuery parse(String service, String handler, String status, String from, String to,
            String limit) {
        List<FieldError> errors = new ArrayList<>();
        String wantedStatus = blank(status) ? null : status.trim().toUpperCase(Locale.ROOT);
        if (wantedStatus != null && !STATUSES.contains(wantedStatus)) {
            errors.add(new FieldError("status", "must be OK or ERROR, not '" + status + "'"));
        }
        Instant since = instant("from", from, errors);
        Instant until = instant("to", to, errors);
        if (since != null && until != null && since.isAfter(until)) {
            errors.add(new FieldError("from", "must not be after to (" + from + " > " + to + ")"));
        }
        int most = DEFAULT_LIMIT;
        if (!blank(limit)) {
            try {
                most = Integer.parseInt(limit.trim());
                if (most < 1 || most > MAX_LIMIT) {
                    errors.add(new FieldError("limit", "must be between 1 and " + MAX_LIMIT + ", not " + most));
                }
            } catch (NumberFormatException e) {
                errors.add(new FieldError("limit", "must be a whole number between 1 and " + MAX_LIMIT
                        + ", not '" + limit + "'"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new TraceQuery(blank(service) ? null : service, blank(handler) ? null : handler, wantedStatus, since,
                until, most);
    }

    private static Instant instant(String name, String value, List<FieldError> errors) {
        if (blank(value)) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be an ISO-8601 instant such as 2026-11-29T10:15:30Z, not '"
                    + value + "'"));
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
