package dev.selfheal.healer.fix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selfheal.contracts.v1.FixStatus;
import dev.selfheal.healer.audit.AuditEntryView;
import dev.selfheal.platform.problem.FieldError;
import dev.selfheal.platform.problem.Problem;
import dev.selfheal.platform.problem.ProblemException;
import dev.selfheal.platform.problem.ProblemKind;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/fixes")
@Tag(name = "Fixes")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class FixResource {

    /** The role a token's groups claim must hold to approve or reject fixes. */
    public static final String APPROVER = "approver";

    private static final int MAX_LIMIT = 500;

    private final FixService fixes;
    private final FixesConfig config;
    private final ObjectMapper json;

    public FixResource(FixService fixes, FixesConfig config, ObjectMapper json) {
        this.fixes = fixes;
        this.config = config;
        this.json = json;
    }

    @GET
    @Operation(summary = "List fix proposals", description = "Newest first, optionally only one state or one service.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(type = SchemaType.ARRAY,
            implementation = FixSummary.class)))
    @APIResponse(responseCode = "400", description = "An unknown status or a limit out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<FixSummary>> list(
            @Parameter(description = "Only fixes in this state, e.g. PENDING_APPROVAL") @QueryParam("status") String status,
            @Parameter(description = "Only fixes of this service") @QueryParam("service") String service,
            @Parameter(description = "At most this many, 1 to 500") @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return fixes.list(status(status), service == null || service.isBlank() ? null : service.strip(), limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read one fix", description = "The proposal with its diagnosis, evidence and action, its "
            + "decision, its rollout record and each state it went through with the time.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = FixView.class)))
    @APIResponse(responseCode = "404", description = "No such fix",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<FixView> get(@PathParam("id") String id) {
        return fixes.view(id);
    }

    @GET
    @Path("/{id}/audit")
    @Operation(summary = "Read a fix's audit trail", description = "Every decision and transition in the order "
            + "they happened, with who, when and why. Entries are never changed or removed.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(type = SchemaType.ARRAY,
            implementation = AuditEntryView.class)))
    @APIResponse(responseCode = "404", description = "No such fix",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<AuditEntryView>> audit(@PathParam("id") String id) {
        return fixes.trail(id);
    }

    @POST
    @Path("/{id}/approval")
    @RolesAllowed(APPROVER)
    @SecurityRequirement(name = "SecurityScheme")
    @Operation(summary = "Approve or reject a fix", description = "Needs a bearer token whose groups hold the role "
            + "approver. The decision is recorded with the token's name, the time and the comment. An approved fix "
            + "is rolled out before the answer; the answer shows the state it ended in.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApprovalRequest.class)))
    @APIResponse(responseCode = "200", description = "Decided; the fix as it now stands",
            content = @Content(schema = @Schema(implementation = FixView.class)))
    @APIResponse(responseCode = "400", description = "No body, or decision is not APPROVE or REJECT",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No bearer token, or one that is not valid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token's identity is not an approver",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such fix",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The fix is no longer pending approval",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "A body that is not application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The database or Kafka is unavailable; retry after Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<FixView> decide(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            String body, @Context SecurityContext security) throws JsonProcessingException {
        ApprovalRequest request = read(contentType, body);
        List<FieldError> errors = ApprovalRequest.errors(request, config.maxCommentLength());
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        String approver = security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
        if (approver == null || approver.isBlank()) {
            throw new ProblemException(ProblemKind.FORBIDDEN,
                    "the token names no one (no upn, preferred_username or sub claim); a decision needs a name");
        }
        return fixes.decide(id, request.verdict(), request.cleanComment(), approver);
    }

    /**
     * Reads the body by hand so that a request without one (e.g. {@code curl -X POST} with no data, which sends no
     * Content-Type either) is told the body is missing rather than that its media type is unsupported.
     */
    private ApprovalRequest read(String contentType, String body) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            return null;
        }
        if (contentType != null && !isJson(contentType)) {
            throw new ProblemException(ProblemKind.UNSUPPORTED_MEDIA_TYPE,
                    "send the decision as application/json, not " + contentType);
        }
        return json.readValue(body, ApprovalRequest.class);
    }

    private static boolean isJson(String contentType) {
        try {
            MediaType type = MediaType.valueOf(contentType);
            return type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.getSubtype().endsWith("+json");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static FixStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return FixStatus.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("status", "must be one of "
                    + Arrays.stream(FixStatus.values()).map(Enum::name).collect(Collectors.joining(", "))
                    + ", not '" + value + "'");
        }
    }
}
