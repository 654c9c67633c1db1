package dev.selfheal.telemetry.evidence.spec;

import dev.selfheal.telemetry.receipt.Receipted;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What happened to a {@code POST /api/specs}; only sent once the document is stored and Kafka acknowledged it. */
@Schema(description = "Receipt for an accepted OpenAPI document")
public record SpecReceipt(
        @Schema(description = "Id of the stored receipt, readable at GET /api/receipts/{id}") String receiptId,
        @Schema(description = "16 hex digits hashed from service, version and content; a resent document keeps it") String specId,
        String service,
        String version,
        @Schema(description = "info.title") String title,
        @Schema(description = "Operations read") int operations,
        @Schema(description = "SpecPublished events published for it") int parts,
        @Schema(description = "Whether the version already had this exact document; it is then published again with its first receivedAt") boolean duplicate,
        @Schema(description = "Whether it replaced another document of the same version") boolean replaced) implements Receipted<SpecReceipt> {

    @Override
    public int receiptedItems() {
        return operations;
    }

    @Override
    public SpecReceipt withReceiptId(String id) {
        return new SpecReceipt(id, specId, service, version, title, operations, parts, duplicate, replaced);
    }
}
