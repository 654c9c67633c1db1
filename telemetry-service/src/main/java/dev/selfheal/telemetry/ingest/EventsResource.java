package dev.selfheal.telemetry.ingest;

import dev.selfheal.platform.problem.Problem;
import dev.selfheal.telemetry.receipt.ReceiptService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/events")
@Tag(name = "Ingest")
public class EventsResource {

    static final String ENDPOINT = "/api/events";

    private final IngestService ingest;
    private final ReceiptService receipts;

    public EventsResource(IngestService ingest, ReceiptService receipts) {
        this.ingest = ingest;
        this.receipts = receipts;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Ingest handler executions",
            description = "Accepts a JSON array of handler executions (spans). Answers 202 only once every item "
                    + "is stored and acknowledged by Kafka; re-sending a batch is safe.")
    @APIResponse(responseCode = "202", description = "All items accepted; every answer carries a Selfheal-Receipt header",
            content = @Content(schema = @Schema(implementation = IngestReceipt.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or malformed; each bad field is named with its index",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The body exceeds the configured size")
    @APIResponse(responseCode = "503", description = "Kafka or the database is unavailable; retry after the Retry-After header",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> ingest(List<HandlerExecution> batch) {
        List<String> services = batch == null ? List.of() : batch.stream()
                .filter(e -> e != null && e.service() != null && !e.service().isBlank())
                .map(e -> e.service().strip()).distinct().toList();
        int items = batch == null ? 0 : batch.size();
        return receipts.answer(ENDPOINT, services, items, ingest.ingest(batch));
    }
}
