package dev.selfheal.telemetry.trace;

import dev.selfheal.platform.problem.Problem;
import dev.selfheal.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api")
@Tag(name = "Traces")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class TraceResource {

    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-fA-F]{32}");
    private static final int MAX_LIMIT = 500;

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
    @Operation(summary = "Recent traces", description = "The root spans of the most recently received traces.")
    public Uni<List<SpanView>> recent(@QueryParam("limit") @DefaultValue("20") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return spans.recentRoots(limit).map(found -> found.stream().map(SpanView::of).toList());
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
