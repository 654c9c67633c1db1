package dev.selfheal.healer.security;

import dev.selfheal.platform.problem.Problem;
import dev.selfheal.platform.problem.ProblemKind;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Answers refused security checks as {@code application/problem+json}, like every other error, and tells a
 * caller without valid credentials how to authenticate ({@code WWW-Authenticate: Bearer}, RFC 6750).
 */
public class SecurityProblemMappers {

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthenticated("Bearer",
                "this operation needs a bearer token (Authorization: Bearer <JWT>) from the configured issuer");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthenticated("Bearer error=\"invalid_token\"",
                "the bearer token was not accepted: it is malformed, expired, from another issuer "
                        + "or not signed by the configured key");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Response.status(Response.Status.FORBIDDEN).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(ProblemKind.FORBIDDEN,
                        "the token's identity does not hold the role this operation needs (approver to decide on fixes, "
                                + "operator to change a playbook's settings)", List.of()))
                .build();
    }

    private static Response unauthenticated(String challenge, String detail) {
        return Response.status(Response.Status.UNAUTHORIZED).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .entity(Problem.of(ProblemKind.UNAUTHENTICATED, detail, List.of()))
                .build();
    }
}
