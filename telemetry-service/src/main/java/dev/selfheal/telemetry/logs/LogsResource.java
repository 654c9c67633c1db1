package dev.selfheal.telemetry.logs;

import dev.selfheal.platform.problem.Problem;
import dev.selfheal.platform.problem.ProblemException;
import dev.selfheal.platform.problem.ProblemKind;
import dev.selfheal.telemetry.receipt.ReceiptService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api")
@Tag(name = "Logs")
public class LogsResource {

    static final String ENDPOINT = "/api/logs";
    private static final int MAX_LIMIT = 1000;

    private final LogIngestService logs;
    private final ReceiptService receipts;

    public LogsResource(LogIngestService logs, ReceiptService receipts) {
        this.logs = logs;
        this.receipts = receipts;
    }

    @POST
    @Path("/logs")
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Ingest log lines",
            description = "A text/plain body (UTF-8 unless its charset says otherwise) of one service's log, one record per line; a Java stack trace "
                    + "joins the line that logged it. Each record is mined into a template with its parameters and "
                    + "published as a LogRecorded event. 202 only once Kafka acknowledged every record.")
    @APIResponse(responseCode = "202", description = "All records published; the receipt",
            content = @Content(schema = @Schema(implementation = LogReceipt.class)))
    @APIResponse(responseCode = "400", description = "No service, an empty body, text not in its charset, or too many lines",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The body exceeds selfheal.logs.max-body-size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "A Content-Type other than text/plain, or a charset this service does not know",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka or the database is unavailable; retry after Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> ingest(@QueryParam("service") String service, @QueryParam("version") String version,
            @QueryParam("environment") String environment,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        List<String> services = service == null || service.isBlank() ? List.of() : List.of(service.strip());
        Optional<Charset> charset = charset(contentType);
        Uni<LogReceipt> accepted = charset.isEmpty()
                ? Uni.createFrom().failure(new ProblemException(ProblemKind.UNSUPPORTED_MEDIA_TYPE, unsupported(contentType)))
                : logs.ingest(service, version, environment, body, charset.get());
        return receipts.answer(ENDPOINT, services, 0, accepted);
    }

    @GET
    @Path("/log-templates")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "A service's log templates", description = "Templates mined from the service's logs "
            + "(POST /api/logs and OTLP /v1/logs), most frequent first; empty for a service never seen.")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = LogTemplateView.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "No service, or a limit outside 1..1000",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<LogTemplateView>> templates(@QueryParam("service") String service,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (service == null || service.isBlank()) {
            throw ProblemException.invalid("service", "query parameter is required: whose templates to list");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        return logs.templates(service, limit);
    }

    /** The charset a text/plain Content-Type names (UTF-8 when it names none), or empty when it is refused. */
    static Optional<Charset> charset(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase(MediaType.TEXT_PLAIN)) {
            return Optional.empty();
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].strip().equalsIgnoreCase("charset") && parameter.length == 2) {
                try {
                    return Optional.of(Charset.forName(parameter[1].strip().replace("\"", "")));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(StandardCharsets.UTF_8);
    }

    private static String unsupported(String contentType) {
        return contentType == null || contentType.isBlank()
                ? "a Content-Type is required; send log lines as text/plain"
                : "Content-Type '" + contentType + "' is not supported; send log lines as text/plain with a charset "
                        + "this service knows (UTF-8 when none is named)";
    }
}
