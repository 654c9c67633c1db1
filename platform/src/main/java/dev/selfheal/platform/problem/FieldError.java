package dev.selfheal.platform.problem;

/**
 * One thing wrong with a request.
 *
 * @param field   where, as a path into the request body, e.g. {@code [3].durationMs}; or a query parameter's name
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {
}
