package dev.selfheal.telemetry.receipt;

import dev.selfheal.platform.problem.Problem;
import dev.selfheal.platform.problem.ProblemException;
import jakarta.ws.rs.core.Response;

/** The receipt header every ingest response carries, and problem responses that carry it. */
public final class Receipts {

    public static final String HEADER = "Selfheal-Receipt";

    private Receipts() {
    }

    /** The response with the receipt header, when a receipt could be stored. */
    public static Response stamp(Response.ResponseBuilder response, String receiptId) {
        if (receiptId != null) {
            response.header(HEADER, receiptId);
        }
        return response.build();
    }

    /** The problem+json the platform's exception mapper would answer, so that the receipt header can join it. */
    public static Response.ResponseBuilder problem(ProblemException e) {
        Response.ResponseBuilder response = Response.status(e.kind().status()).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(e.kind(), e.getMessage(), e.errors()));
        e.retryAfter().ifPresent(after -> response.header("Retry-After", Math.max(1, after.toSeconds())));
        return response;
    }
}
