package dev.selfheal.platform.problem;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The root of Selfheal's domain exceptions: each one knows which problem it is. */
public class ProblemException extends RuntimeException {

    private final ProblemKind kind;
    private final transient List<FieldError> errors;
    private final Duration retryAfter;

    public ProblemException(ProblemKind kind, String detail) {
        this(kind, detail, List.of());
    }

    public ProblemException(ProblemKind kind, String detail, List<FieldError> errors) {
        this(kind, detail, errors, null, null);
    }

    private ProblemException(ProblemKind kind, String detail, List<FieldError> errors, Duration retryAfter,
            Throwable cause) {
        super(detail, cause);
        this.kind = kind;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    public ProblemKind kind() {
        return kind;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** How long a client should wait before retrying, for problems that pass (503, 429). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** A dependency of the service (the broker, the database) is away; the client should retry later. */
    public static ProblemException unavailable(String detail, Duration retryAfter, Throwable cause) {
        return new ProblemException(ProblemKind.UNAVAILABLE, detail, List.of(), retryAfter, cause);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(ProblemKind.NOT_FOUND, detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(ProblemKind.CONFLICT, detail);
    }

    public static ProblemException invalid(List<FieldError> errors) {
        String first = errors.isEmpty() ? "invalid request"
                : errors.get(0).field() + ": " + errors.get(0).message();
        String detail = errors.size() > 1 ? first + " (and " + (errors.size() - 1) + " more)" : first;
        return new ProblemException(ProblemKind.INVALID_REQUEST, detail, errors);
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }
}
