package dev.selfheal.healer.fix;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The detector's evidence, as the proposal relied on it. */
@Schema(description = "The figures and example traces behind the anomaly")
public record EvidenceView(
        @Schema(description = "Named measurements, e.g. baseline.p95Ms") Map<String, Double> figures,
        @Schema(description = "Named facts, e.g. observed.versions") Map<String, String> details,
        @Schema(description = "Traces that show the problem") List<String> exampleTraceIds) {
}
