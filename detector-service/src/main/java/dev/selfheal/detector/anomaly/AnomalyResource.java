package dev.selfheal.detector.anomaly;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.detector.rest.QueryParams;
import dev.selfheal.platform.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

@Path("/api/anomalies")
@Tag(name = "Anomalies")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class AnomalyResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final AnomalyService anomalies;

    public AnomalyResource(AnomalyService anomalies) {
        this.anomalies = anomalies;
    }

    @GET
    @Operation(summary = "List anomalies", description = "Anomalies raised by the detectors, newest first.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AnomalyView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "A filter or the limit is malformed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<AnomalyView>> list(
            @Parameter(description = "Only this service's anomalies", example = "checkout") @QueryParam("service") String service,
            @Parameter(description = "Only this capability's anomalies", example = "PERFORMANCE") @QueryParam("capability") String capability,
            @Parameter(description = "At most this many, 1 to 500", example = "50") @QueryParam("limit") String limit) {
        return anomalies.list(QueryParams.name("service", service),
                QueryParams.oneOf("capability", capability, Capability.class),
                QueryParams.limit("limit", limit, DEFAULT_LIMIT, MAX_LIMIT));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read one anomaly", description = "The anomaly with its evidence.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AnomalyView.class)))
    @APIResponse(responseCode = "404", description = "No anomaly has that id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AnomalyView> get(@PathParam("id") String id) {
        return anomalies.get(id);
    }
}
