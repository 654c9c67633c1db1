package dev.selfheal.healer.ledger;

import dev.selfheal.healer.proposal.PlaybookCatalog;
import dev.selfheal.healer.security.Roles;
import dev.selfheal.platform.problem.Problem;
import dev.selfheal.platform.problem.ProblemException;
import dev.selfheal.platform.problem.ProblemKind;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/ledger")
@Tag(name = "Ledger")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class LedgerResource {

    private final LedgerService ledger;
    private final PlaybookCatalog catalog;

    public LedgerResource(LedgerService ledger, PlaybookCatalog catalog) {
        this.ledger = ledger;
        this.catalog = catalog;
    }

    @GET
    @Operation(summary = "Read the learning ledger", description = "Success rates of fixes per playbook, capability "
            + "and service with a 90 % credible interval, the time from detection to a verified fix, and which "
            + "playbooks may roll out without an approver.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = LedgerView.class)))
    public Uni<LedgerView> ledger() {
        return ledger.ledger(catalog.names());
    }

    @PUT
    @Path("/playbooks/{playbook}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @SecurityRequirement(name = "SecurityScheme")
    @Operation(summary = "Allow or stop unattended rollout of a playbook", description = "Needs a bearer token whose "
            + "groups hold the role operator. An enabled playbook's fixes roll out without an approver only while "
            + "its success rate's lower bound clears selfheal.ledger.unattended-min-success over at least "
            + "selfheal.ledger.unattended-min-outcomes outcomes.")
    @APIResponse(responseCode = "200", description = "The playbook's ledger line with the new setting",
            content = @Content(schema = @Schema(implementation = LedgerRow.class)))
    @APIResponse(responseCode = "400", description = "No body, or unattended missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token's identity is not an operator",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such playbook",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<LedgerRow> setting(@PathParam("playbook") String playbook, PlaybookSettingRequest request,
            @Context SecurityContext security) {
        if (request == null || request.unattended() == null) {
            throw ProblemException.invalid("unattended", "is required: {\"unattended\": true|false}");
        }
        if (!catalog.names().contains(playbook)) {
            throw ProblemException.notFound("no playbook " + playbook + "; the playbooks are " + catalog.names());
        }
        String operator = security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
        if (operator == null || operator.isBlank()) {
            throw new ProblemException(ProblemKind.FORBIDDEN,
                    "the token names no one (no upn, preferred_username or sub claim); a setting needs a name");
        }
        return ledger.setUnattended(playbook, request.unattended(), operator);
    }
}
