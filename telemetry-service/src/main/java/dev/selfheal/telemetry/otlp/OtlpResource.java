package dev.selfheal.telemetry.otlp;

import com.google.protobuf.Message;
import dev.selfheal.otlp.ExportBatch;
import dev.selfheal.platform.problem.Problem;
import dev.selfheal.platform.problem.ProblemException;
import dev.selfheal.platform.problem.ProblemKind;
import dev.selfheal.telemetry.receipt.ReceiptService;
import dev.selfheal.telemetry.receipt.Receipts;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * OTLP/HTTP (specification 1.x): any OpenTelemetry SDK or Collector exports here. Responses, errors included,
 * are OTLP messages in the request's encoding, as exporters expect; only a body in neither encoding gets a
 * problem+json, since no OTLP encoding can be chosen for it.
 */
@Path("/v1")
@Tag(name = "OTLP")
public class OtlpResource {

    private static final Logger LOG = Logger.getLogger(OtlpResource.class);
    private static final String PROTOBUF = "application/x-protobuf";
    private static final String TRACES = "/v1/traces";
    private static final String LOGS = "/v1/logs";

    private final OtlpIngestService ingest;
    private final ReceiptService receipts;

    public OtlpResource(OtlpIngestService ingest, ReceiptService receipts) {
        this.ingest = ingest;
        this.receipts = receipts;
    }

    @POST
    @Path("/traces")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Export traces (OTLP/HTTP)",
            description = "An ExportTraceServiceRequest as application/x-protobuf or OTLP/JSON, gzip or identity. "
                    + "Spans are stored; spans, errors, dependency calls and state mutations are published on "
                    + "selfheal.telemetry.v1. 200 only once Kafka acknowledged every event; invalid spans are "
                    + "dropped and reported in partialSuccess.")
    @APIResponse(responseCode = "200", description = "Accepted; an ExportTraceServiceResponse in the request's encoding",
            content = {@Content(mediaType = PROTOBUF), @Content(mediaType = MediaType.APPLICATION_JSON)})
    @APIResponse(responseCode = "400", description = "Undecodable body; a google.rpc.Status in the request's encoding")
    @APIResponse(responseCode = "413", description = "Body (or its inflated form) or item count over the limit")
    @APIResponse(responseCode = "415", description = "Neither protobuf nor JSON, or an unsupported Content-Encoding",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "Kafka or the database is unavailable; retry after Retry-After")
    public Uni<Response> traces(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding, byte[] body) {
        return export(TRACES, contentType, encoding -> ingest.traces(body, encoding, contentEncoding));
    }

    @POST
    @Path("/logs")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Export logs (OTLP/HTTP)",
            description = "An ExportLogsServiceRequest as application/x-protobuf or OTLP/JSON, gzip or identity. "
                    + "Each record is published on selfheal.telemetry.v1; 200 only once Kafka acknowledged all; "
                    + "invalid records are dropped and reported in partialSuccess.")
    @APIResponse(responseCode = "200", description = "Accepted; an ExportLogsServiceResponse in the request's encoding",
            content = {@Content(mediaType = PROTOBUF), @Content(mediaType = MediaType.APPLICATION_JSON)})
    @APIResponse(responseCode = "400", description = "Undecodable body; a google.rpc.Status in the request's encoding")
    @APIResponse(responseCode = "413", description = "Body (or its inflated form) or item count over the limit")
    @APIResponse(responseCode = "415", description = "Neither protobuf nor JSON, or an unsupported Content-Encoding",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "Kafka is unavailable; retry after Retry-After")
    public Uni<Response> logs(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding, byte[] body) {
        return export(LOGS, contentType, encoding -> ingest.logs(body, encoding, contentEncoding));
    }

    /** Ingests an export in its encoding and answers it in the same one, with its receipt, whatever happened. */
    private Uni<Response> export(String endpoint, String contentType,
            Function<OtlpEncoding, Uni<? extends ExportBatch>> ingestion) {
        Optional<OtlpEncoding> encoding = OtlpEncoding.of(contentType);
        if (encoding.isEmpty()) {
            return Uni.createFrom().item(unsupported(contentType));
        }
        return ingestion.apply(encoding.get())
                .chain(batch -> receipts.accepted(endpoint, batch.services(), 200, batch.accepted(), batch.rejected(),
                                batch.rejections())
                        .map(id -> Receipts.stamp(ok(batch.response(), encoding.get()), id)))
                .onFailure().recoverWithUni(e -> refused(endpoint, e, encoding.get()));
    }

    private static Response.ResponseBuilder ok(Message message, OtlpEncoding encoding) {
        return Response.ok(OtlpCodec.encode(message, encoding), encoding.mediaType());
    }

    /** The failure's OTLP status, with the receipt of the refused export. */
    private Uni<Response> refused(String endpoint, Throwable e, OtlpEncoding encoding) {
        Response.ResponseBuilder response = failure(e, encoding);
        String reason = e instanceof OtlpRequestException || e instanceof ProblemException ? e.getMessage()
                : "the request could not be completed";
        int status = e instanceof OtlpRequestException request ? request.status() : 503;
        return receipts.accepted(endpoint, List.of(), status, 0, 0, List.of(reason))
                .map(id -> Receipts.stamp(response, id));
    }

    /** Every failure becomes an OTLP status: a client error it must not retry, or a 503 it retries. */
    private static Response.ResponseBuilder failure(Throwable e, OtlpEncoding encoding) {
        if (e instanceof OtlpRequestException request) {
            return status(request.status(), request.getMessage(), encoding);
        }
        String message = e instanceof ProblemException problem ? problem.getMessage()
                : "the request could not be completed; retry later";
        LOG.warnf("OTLP export answered 503: %s (%s)", message, e.getCause() == null ? e : e.getCause());
        Response.ResponseBuilder response = status(503, message, encoding);
        if (e instanceof ProblemException problem) {
            problem.retryAfter().ifPresent(after -> response.header("Retry-After", Math.max(1, after.toSeconds())));
        }
        return response;
    }

    private static Response.ResponseBuilder status(int httpStatus, String message, OtlpEncoding encoding) {
        return Response.status(httpStatus)
                .entity(OtlpCodec.encode(OtlpCodec.status(httpStatus, message), encoding))
                .type(encoding.mediaType());
    }

    private static Response unsupported(String contentType) {
        String detail = "Content-Type '" + contentType + "' is not supported; OTLP/HTTP takes "
                + PROTOBUF + " or " + MediaType.APPLICATION_JSON;
        return Response.status(415).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(ProblemKind.UNSUPPORTED_MEDIA_TYPE, detail, List.of())).build();
    }
}
