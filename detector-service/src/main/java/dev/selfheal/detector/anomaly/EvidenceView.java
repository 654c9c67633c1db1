package dev.selfheal.detector.anomaly;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the detector saw.
 *
 * @param figures         named measurements, e.g. {@code baseline.p95Ms}
 * @param details         named facts, e.g. {@code observed.versions}
 * @param exampleTraceIds traces that show the problem, most telling first
 */
@Schema(description = "Evidence behind an anomaly")
public record EvidenceView(Map<String, Double> figures, Map<String, String> details, List<String> exampleTraceIds) {
}
