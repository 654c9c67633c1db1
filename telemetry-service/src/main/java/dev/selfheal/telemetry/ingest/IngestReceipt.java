package dev.selfheal.telemetry.ingest;

import dev.selfheal.telemetry.receipt.Receipted;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What happened to a batch: every item was stored and acknowledged by Kafka; those seen before were
 * published again (consumers deduplicate them) but not stored twice.
 */
@Schema(description = "Receipt for an accepted batch")
public record IngestReceipt(
        @Schema(description = "Id of the stored receipt, readable at GET /api/receipts/{id}; absent when it could not be stored") String receiptId,
        @Schema(description = "Items accepted and acknowledged by Kafka") int accepted,
        @Schema(description = "Of those, items not seen before") int stored,
        @Schema(description = "Of those, items already stored by an earlier request") int duplicates) implements Receipted<IngestReceipt> {

    @Override
    public int receiptedItems() {
        return accepted;
    }

    @Override
    public IngestReceipt withReceiptId(String id) {
        return new IngestReceipt(id, accepted, stored, duplicates);
    }
}
