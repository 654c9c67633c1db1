package dev.selfheal.telemetry.trace;

import dev.selfheal.platform.problem.Problem;
import dev.selfheal.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api")
@Tag(name = "Traces")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class TraceResource {

    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-fA-F]{32}");

    private final SpanRepository spans;

    public TraceResource(SpanRepository spans) {
        this.spans = spans;
    }

    @GET
    @Path("/traces/{traceId}")
    @Operation(summary = "Read one trace", description = "All stored spans of the trace, earliest first.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TraceView.class)))
    @APIResponse(responseCode = "400", description = "The trace id is not 32 hex digits")
    @APIResponse(responseCode = "404", description = "No span of that trace is stored")
    public Uni<TraceView> trace(@PathParam("traceId") String traceId) {
        if (!TRACE_ID.matcher(traceId).matches()) {
            throw ProblemException.invalid("traceId", "must be 32 hex digits, not '" + traceId + "'");
        }
        String id = traceId.toLowerCase(Locale.ROOT);
        return spans.findByTrace(id).map(found -> {
            if (found.isEmpty()) {
                throw ProblemException.notFound("no trace " + id + " is stored");
            }
            return new TraceView(id, found.stream().map(SpanView::of).toList());
        });
    }

    @GET
    @Path("/traces")
    @Operation(summary = "Find traces", description = "Traces with a span matching every filter given (none: every "
            + "trace), newest first: each trace's root span, or its earliest matching span when the root is not "
            + "stored.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(type = SchemaType.ARRAY,
            implementation = SpanView.class)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid; the problem names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<SpanView>> find(
            @Parameter(description = "A span's service, exactly") @QueryParam("service") String service,
            @Parameter(description = "A span's handler (span name), exactly") @QueryParam("handler") String handler,
            @Parameter(description = "OK or ERROR") @QueryParam("status") String status,
            @Parameter(description = "Earliest span start, ISO-8601 instant, inclusive") @QueryParam("from") String from,
            @Parameter(description = "Latest span start, ISO-8601 instant, inclusive") @QueryParam("to") String to,
            @Parameter(description = "Most traces listed, 1..500, default 20") @QueryParam("limit") String limit) {
        TraceQuery query = TraceQuery.parse(service, handler, status, from, to, limit);
        return spans.findTraces(query).map(found -> found.stream().map(SpanView::of).toList());
    }

    @GET
    @Path("/services")
    @Operation(summary = "Services seen", description = "Per service: spans received, distinct handlers, errors.")
    public Uni<List<ServiceTotals>> services() {
        return spans.serviceTotals().map(rows -> rows.stream()
                .map(r -> new ServiceTotals((String) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).longValue(),
                        ((Number) r[3]).longValue(), (Instant) r[4]))
                .toList());
    }
}
