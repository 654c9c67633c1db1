package dev.selfheal.detector.incident;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.detector.rest.QueryParams;
import dev.selfheal.detector.rest.Roles;
import dev.selfheal.platform.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/incidents")
@Tag(name = "Incidents")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class IncidentResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    private final IncidentService incidents;

    public IncidentResource(IncidentService incidents) {
        this.incidents = incidents;
    }

    @GET
    @Operation(summary = "List incidents",
            description = "Incidents newest first (by the event time of their first finding). A storm of findings "
                    + "of one fingerprint is one incident with a count, first and last seen.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = IncidentView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "A filter or the limit is malformed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<IncidentView>> list(
            @Parameter(description = "Only this service's incidents", example = "checkout") @QueryParam("service") String service,
            @Parameter(description = "Only this capability's incidents", example = "ERROR") @QueryParam("capability") String capability,
            @Parameter(description = "Only OPEN or only RESOLVED incidents", example = "OPEN") @QueryParam("status") String status,
            @Parameter(description = "At most this many, 1 to 1000", example = "50") @QueryParam("limit") String limit) {
        return incidents.list(QueryParams.name("service", service),
                QueryParams.oneOf("capability", capability, Capability.class),
                QueryParams.oneOf("status", status, IncidentStatus.class),
                QueryParams.limit("limit", limit, DEFAULT_LIMIT, MAX_LIMIT));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read one incident")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = IncidentView.class)))
    @APIResponse(responseCode = "404", description = "No incident has that id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<IncidentView> get(@PathParam("id") String id) {
        return incidents.get(id);
    }

    @POST
    @Path("/{id}/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.APPROVER, Roles.OPERATOR})
    @SecurityRequirement(name = "SecurityScheme")
    @Operation(summary = "Judge an incident",
            description = "FALSE_POSITIVE resolves the incident, and the detectors learn what they saw as normal: the "
                    + "new error signature, state value, dependency, transition or handler is accepted, and the same "
                    + "fingerprint needs a score 1.5 times this one's to be raised again. CONFIRMED records that the "
                    + "problem is real: the same problem opens one severity level higher from then on. Needs a bearer "
                    + "token with the role approver or operator; its name is recorded with the verdict.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = IncidentView.class)))
    @APIResponse(responseCode = "400", description = "No or an unknown verdict",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token lacks the role approver or operator",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No incident has that id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<IncidentView> feedback(@PathParam("id") String id, FeedbackRequest request,
            @Context SecurityContext security) {
        return incidents.feedback(id, request, security.getUserPrincipal().getName());
    }
}
