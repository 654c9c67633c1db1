package dev.selfheal.telemetry.logs;

import dev.selfheal.telemetry.receipt.Receipted;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What happened to a {@code POST /api/logs} batch; only sent once Kafka acknowledged every record. */
@Schema(description = "Receipt for an accepted log batch")
public record LogReceipt(
        @Schema(description = "Id of the stored receipt, readable at GET /api/receipts/{id}") String receiptId,
        @Schema(description = "Service the lines came from") String service,
        @Schema(description = "Non-blank lines received") int lines,
        @Schema(description = "Records published, each a LogRecorded event (stack traces joined to their line)") int accepted,
        @Schema(description = "Distinct templates the records matched") int templates) implements Receipted<LogReceipt> {

    @Override
    public int receiptedItems() {
        return accepted;
    }

    @Override
    public LogReceipt withReceiptId(String id) {
        return new LogReceipt(id, service, lines, accepted, templates);
    }
}
