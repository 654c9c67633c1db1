package dev.selfheal.telemetry.receipt;

import dev.selfheal.platform.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/receipts")
@Tag(name = "Receipts")
public class ReceiptResource {

    private final ReceiptService receipts;

    public ReceiptResource(ReceiptService receipts) {
        this.receipts = receipts;
    }

    @GET
    @Path("/{id}")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Read a receipt", description = "What happened to one ingest request (/api/events, "
            + "/api/logs, /v1/traces, /v1/logs, /api/test-reports, /api/specs): its answer, how many items were accepted and rejected, and why.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ReceiptView.class)))
    @APIResponse(responseCode = "404", description = "No receipt of that id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ReceiptView> receipt(@PathParam("id") String id) {
        return receipts.find(id);
    }
}
