package dev.selfheal.telemetry.receipt;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "What happened to one ingest request")
public record ReceiptView(
        @Schema(description = "The receipt id, as in the Selfheal-Receipt header") String id,
        @Schema(description = "The endpoint that received the batch", examples = "/api/logs") String endpoint,
        @Schema(description = "Services the batch came from, when it could be read") List<String> services,
        @Schema(description = "When the request arrived") Instant receivedAt,
        @Schema(description = "The HTTP status it was answered with") int status,
        @Schema(description = "Items published and acknowledged by Kafka") int accepted,
        @Schema(description = "Items refused, or dropped as invalid") int rejected,
        @Schema(description = "Why items were refused or dropped; empty when all were accepted") List<String> reasons) {

    static ReceiptView of(StoredReceipt r) {
        return new ReceiptView(r.id, r.endpoint, lines(r.services), r.receivedAt, r.status, r.accepted, r.rejected,
                lines(r.reasons));
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }
}
