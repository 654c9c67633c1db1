package dev.selfheal.telemetry.ingest;

import dev.selfheal.platform.problem.FieldError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a batch of handler executions and names every bad field by its index, so a client can fix its
 * exporter without guessing.
 */
public final class ExecutionValidator {

    /** Stop listing errors after this many: the first ones are enough to fix a systematic mistake. */
    static final int MAX_REPORTED_ERRORS = 50;

    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern SPAN_ID = Pattern.compile("[0-9a-fA-F]{16}");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);
    private static final int MAX_NAME = 255;
    private static final int MAX_HANDLER = 512;

    private final int maxItems;

    public ExecutionValidator(int maxItems) {
        this.maxItems = maxItems;
    }

    public List<FieldError> validate(List<HandlerExecution> batch) {
        List<FieldError> errors = new ArrayList<>();
        if (batch == null) {
            errors.add(new FieldError("body", "must be a JSON array of handler executions"));
            return errors;
        }
        if (batch.isEmpty()) {
            errors.add(new FieldError("body", "must contain at least one handler execution"));
        }
        if (batch.size() > maxItems) {
            errors.add(new FieldError("body", "holds " + batch.size() + " items; at most " + maxItems + " per request"));
            return errors;
        }
        for (int i = 0; i < batch.size() && errors.size() < MAX_REPORTED_ERRORS; i++) {
            validate(i, batch.get(i), errors);
        }
        return errors;
    }

    private static void validate(int index, HandlerExecution e, List<FieldError> errors) {
        String at = "[" + index + "]";
        if (e == null) {
            errors.add(new FieldError(at, "must be an object, not null"));
            return;
        }
        text(errors, at + ".service", e.service(), MAX_NAME);
        text(errors, at + ".version", e.version(), MAX_NAME);
        text(errors, at + ".handler", e.handler(), MAX_HANDLER);
        id(errors, at + ".traceId", e.traceId(), TRACE_ID, ZERO_TRACE, "32", true);
        id(errors, at + ".spanId", e.spanId(), SPAN_ID, ZERO_SPAN, "16", true);
        id(errors, at + ".parentSpanId", e.parentSpanId(), SPAN_ID, ZERO_SPAN, "16", false);
        if (e.start() == null) {
            errors.add(new FieldError(at + ".start", "is required (an ISO-8601 instant)"));
        }
        if (e.durationMs() == null) {
            errors.add(new FieldError(at + ".durationMs", "is required"));
        } else if (e.durationMs().isNaN() || e.durationMs().isInfinite() || e.durationMs() < 0) {
            errors.add(new FieldError(at + ".durationMs", "must be a finite number of milliseconds, at least 0"));
        }
        if (e.status() == null) {
            errors.add(new FieldError(at + ".status", "is required (OK or ERROR)"));
        } else if (!List.of("OK", "ERROR").contains(e.status().toUpperCase(Locale.ROOT))) {
            errors.add(new FieldError(at + ".status", "must be OK or ERROR, not '" + e.status() + "'"));
        }
        if (e.attributes() != null) {
            for (Map.Entry<String, Object> attribute : e.attributes().entrySet()) {
                if (!isScalar(attribute.getValue()) && !isScalarList(attribute.getValue())) {
                    errors.add(new FieldError(at + ".attributes." + attribute.getKey(),
                            "must be a string, number, boolean or an array of those"));
                }
            }
        }
    }

    private static void text(List<FieldError> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required and must not be blank"));
        } else if (value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    private static void id(List<FieldError> errors, String field, String value, Pattern pattern, String zero,
            String digits, boolean required) {
        if (value == null) {
            if (required) {
                errors.add(new FieldError(field, "is required (" + digits + " hex digits)"));
            }
            return;
        }
        if (!pattern.matcher(value).matches()) {
            errors.add(new FieldError(field, "must be " + digits + " hex digits, not '" + value + "'"));
        } else if (value.equals(zero)) {
            errors.add(new FieldError(field, "must not be all zeros (an invalid id in OpenTelemetry)"));
        }
    }

    private static boolean isScalar(Object value) {
        return value == null || value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    private static boolean isScalarList(Object value) {
        return value instanceof Collection<?> list && list.stream().allMatch(ExecutionValidator::isScalar);
    }
}
