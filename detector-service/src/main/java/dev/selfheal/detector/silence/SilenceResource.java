package dev.selfheal.detector.silence;

import dev.selfheal.detector.rest.Roles;
import dev.selfheal.platform.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/silences")
@Tag(name = "Silences")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class SilenceResource {

    private final SilenceService silences;

    public SilenceResource(SilenceService silences) {
        this.silences = silences;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.APPROVER, Roles.OPERATOR})
    @SecurityRequirement(name = "SecurityScheme")
    @Operation(summary = "Silence incidents for a while",
            description = "While the silence is in force, new incidents it matches are recorded (and counted) but not "
                    + "announced on selfheal.anomalies.v1, so no fix is proposed for them. When it ends, an incident "
                    + "still receiving findings is announced. Needs a bearer token with the role approver or operator; "
                    + "its name is recorded as the silence's author.")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = SilenceView.class)))
    @APIResponse(responseCode = "400", description = "No matcher or reason, or a bad duration",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token lacks the role approver or operator",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(SilenceRequest request, @Context SecurityContext security) {
        return silences.create(request, security.getUserPrincipal().getName())
                .map(view -> Response.created(URI.create("/api/silences/" + view.id())).entity(view).build());
    }

    @GET
    @Operation(summary = "List silences", description = "Silences in force, newest first; with all=true, ended ones too.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SilenceView.class, type = SchemaType.ARRAY)))
    public Uni<List<SilenceView>> list(
            @Parameter(description = "Include ended silences", example = "false") @QueryParam("all") boolean all) {
        return silences.list(all);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.APPROVER, Roles.OPERATOR})
    @SecurityRequirement(name = "SecurityScheme")
    @Operation(summary = "End a silence now", description = "Needs a bearer token with the role approver or operator.")
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token lacks the role approver or operator",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SilenceView.class)))
    @APIResponse(responseCode = "404", description = "No silence has that id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SilenceView> expire(@PathParam("id") String id) {
        return silences.expire(id);
    }
}
