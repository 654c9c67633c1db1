package dev.selfheal.telemetry.evidence.testreport;

import dev.selfheal.telemetry.receipt.Receipted;
import dev.selfheal.contracts.v1.TestReportFormat;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What happened to a {@code POST /api/test-reports}; only sent once the report is stored and Kafka acknowledged it. */
@Schema(description = "Receipt for an accepted test report")
public record TestReportReceipt(
        @Schema(description = "Id of the stored receipt, readable at GET /api/receipts/{id}") String receiptId,
        @Schema(description = "16 hex digits hashed from service, version, format and content; a resent report keeps it") String reportId,
        String service,
        String version,
        @Schema(description = "Told from the root element: <report> is JACOCO, <testsuite>/<testsuites> JUNIT") TestReportFormat format,
        @Schema(description = "Classes (JACOCO) or test cases (JUNIT) read") int items,
        @Schema(description = "TestReportRecorded events published for it") int parts,
        @Schema(description = "Whether this exact report had been received before; it is then published again with its first receivedAt") boolean duplicate) implements Receipted<TestReportReceipt> {

    @Override
    public int receiptedItems() {
        return items;
    }

    @Override
    public TestReportReceipt withReceiptId(String id) {
        return new TestReportReceipt(id, reportId, service, version, format, items, parts, duplicate);
    }
}
