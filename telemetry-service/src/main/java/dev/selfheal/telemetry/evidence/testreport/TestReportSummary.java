package dev.selfheal.telemetry.evidence.testreport;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.selfheal.contracts.v1.TestReportFormat;
import dev.selfheal.contracts.v1.TestReportRecorded.CoverageTotals;
import dev.selfheal.contracts.v1.TestReportRecorded.TestTotals;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A stored test report: coverage totals (JaCoCo) or test totals (JUnit)")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TestReportSummary(
        @Schema(description = "16 hex digits hashed from service, version, format and content") String reportId,
        String service,
        String version,
        TestReportFormat format,
        @Schema(description = "The report's own name, when it has one") String name,
        @Schema(description = "When it was first received") Instant receivedAt,
        @Schema(description = "TestReportRecorded events it was published in") int parts,
        @Schema(description = "JaCoCo: classes measured") Integer classes,
        @Schema(description = "JaCoCo: methods measured") Integer methods,
        @Schema(description = "JaCoCo: the report's counters") CoverageTotals coverage,
        @Schema(description = "JUnit: totals counted from the test cases") TestTotals tests) {
}
