package dev.selfheal.telemetry.evidence.spec;

import dev.selfheal.platform.problem.Problem;
import dev.selfheal.platform.problem.ProblemException;
import dev.selfheal.platform.problem.ProblemKind;
import dev.selfheal.telemetry.evidence.EvidenceRequest;
import dev.selfheal.telemetry.receipt.ReceiptService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path(SpecResource.ENDPOINT)
@Tag(name = "API specs")
public class SpecResource {

    public static final String ENDPOINT = "/api/specs";
    private static final int MAX_LIMIT = 100;

    private final SpecService specs;
    private final ReceiptService receipts;

    public SpecResource(SpecService specs, ReceiptService receipts) {
        this.specs = specs;
        this.receipts = receipts;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Publish a service version's OpenAPI document",
            description = "An OpenAPI 3.x document in JSON (application/json) or YAML (application/yaml, "
                    + "application/x-yaml, text/yaml). Its operations are stored as that version's documented API "
                    + "(a different document for the same version replaces it) and published as SpecPublished events. "
                    + "202 only once stored and acknowledged by Kafka; a resent document keeps its specId.")
    @APIResponse(responseCode = "202", description = "Stored and published; the receipt",
            content = @Content(schema = @Schema(implementation = SpecReceipt.class)))
    @APIResponse(responseCode = "400", description = "No service or version, an empty body, malformed JSON or YAML, or "
            + "a document that is not OpenAPI 3.x",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The body exceeds selfheal.evidence.max-spec-size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "A Content-Type other than JSON or YAML",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka or the database is unavailable; retry after Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> publish(@QueryParam("service") String service, @QueryParam("version") String version,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        List<String> services = service == null || service.isBlank() ? List.of() : List.of(service.strip());
        return receipts.answer(ENDPOINT, services, 0, Uni.createFrom().deferred(() -> {
                    EvidenceRequest.Subject subject = EvidenceRequest.subject(service, version);
                    SpecFormat format = SpecFormat.of(EvidenceRequest.mediaType(contentType)).orElseThrow(() ->
                            new ProblemException(ProblemKind.UNSUPPORTED_MEDIA_TYPE, unsupported(contentType)));
                    return specs.ingest(subject, format, body);
                }));
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "A service's OpenAPI documents", description = "One per version, newest first, without operations.")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = SpecSummary.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "No service, or a limit outside 1..100",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<SpecSummary>> byService(@QueryParam("service") String service,
            @QueryParam("limit") @DefaultValue("20") int limit) {
        if (service == null || service.isBlank()) {
            throw ProblemException.invalid("service", "query parameter is required: whose documents to list");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        return specs.byService(service.strip(), limit);
    }

    @GET
    @Path("/{service}/{version}")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "A service version's OpenAPI document", description = "Its operations, as published.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SpecView.class)))
    @APIResponse(responseCode = "404", description = "No document stored for that service version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SpecView> find(@PathParam("service") String service, @PathParam("version") String version) {
        return specs.find(service, version);
    }

    private static String unsupported(String contentType) {
        String expected = "send an OpenAPI document as application/json or as YAML (application/yaml, "
                + "application/x-yaml, text/yaml)";
        return contentType == null || contentType.isBlank() ? "a Content-Type is required; " + expected
                : "Content-Type '" + contentType + "' is not supported; " + expected;
    }
}
