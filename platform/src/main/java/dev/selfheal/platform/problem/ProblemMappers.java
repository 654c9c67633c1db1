package dev.selfheal.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every exception that reaches the REST layer into an {@code application/problem+json} response. Bad
 * input is always a 4xx that says what was wrong; stack traces never leave the service.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response domain(ProblemException e) {
        Response.ResponseBuilder response = Response.status(e.kind().status()).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(e.kind(), e.getMessage(), e.errors()));
        e.retryAfter().ifPresent(after -> response.header("Retry-After", Math.max(1, after.toSeconds())));
        if (e.getCause() != null) {
            LOG.warnf("%s: %s", e.getMessage(), e.getCause().toString());
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        String where = e instanceof JsonMappingException mapping ? path(mapping) : "";
        String detail = "the body is not valid JSON for this endpoint"
                + (where.isEmpty() ? "" : " at " + where) + ": " + e.getOriginalMessage();
        List<FieldError> errors = where.isEmpty() ? List.of() : List.of(new FieldError(where, e.getOriginalMessage()));
        return respond(Problem.of(ProblemKind.INVALID_REQUEST, detail, errors));
    }

    /** Jackson's own mapper for this type answers plain JSON; this keeps type mismatches problem+json. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response constraintViolations(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(leaf(v), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .collect(Collectors.toList());
        return domain(ProblemException.invalid(errors));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
            return respond(Problem.of(ProblemKind.INTERNAL, "the service could not complete the request", List.of()));
        }
        return respond(Problem.of(ProblemKind.forStatus(status), e.getMessage(), List.of()));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        LOG.error("request failed", e);
        return respond(Problem.of(ProblemKind.INTERNAL, "the service could not complete the request", List.of()));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            }
        }
        return path.toString();
    }

    private static String leaf(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        int dot = path.indexOf('.');
        // The first node is the resource method's name; the caller knows which endpoint it called.
        return dot >= 0 ? path.substring(dot + 1) : path;
    }
}
