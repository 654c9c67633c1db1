package dev.selfheal.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}).
 *
 * @param type   a URI naming the kind of problem
 * @param title  a short summary of that kind
 * @param status the HTTP status
 * @param detail what went wrong with this request, in words a caller can act on
 * @param errors the individual field errors, when the request body or parameters were invalid
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    private static final String TYPE_BASE = "https://selfheal.dev/problems/";

    public static Problem of(ProblemKind kind, String detail, List<FieldError> errors) {
        return new Problem(TYPE_BASE + kind.slug(), kind.title(), kind.status(), detail, errors);
    }
}
