package dev.selfheal.detector.latency;

import dev.selfheal.detector.rest.QueryParams;
import dev.selfheal.platform.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/baselines")
@Tag(name = "Baselines")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class BaselineResource {

    private final HandlerLatencyRepository handlers;

    public BaselineResource(HandlerLatencyRepository handlers) {
        this.handlers = handlers;
    }

    @GET
    @Operation(summary = "Latency baselines",
            description = "Every watched handler with its sample count, its current baseline p50/p95 and its latest "
                    + "observed window, ordered by service and handler.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = HandlerBaselineView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "The service filter is blank or too long",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<HandlerBaselineView>> list(
            @Parameter(description = "Only this service's handlers", example = "checkout") @QueryParam("service") String service) {
        return handlers.list(QueryParams.name("service", service))
                .map(found -> found.stream().map(HandlerBaselineView::of).toList());
    }
}
