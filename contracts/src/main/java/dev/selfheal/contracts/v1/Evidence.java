package dev.selfheal.contracts.v1;

import java.util.List;
import java.util.Map;

/**
 * What a detector saw, so that a person (and the healer) can check its conclusion.
 *
 * @param figures         named measurements, e.g. {@code baseline.p95Ms}, {@code observed.p95Ms}, {@code pValue}
 * @param details         named facts that are not numbers, e.g. {@code baseline.versions}, {@code observed.versions}
 * @param exampleTraceIds traces that show the problem, most telling first
 */
public record Evidence(Map<String, Double> figures, Map<String, String> details, List<String> exampleTraceIds) {

    public Evidence {
        figures = figures == null ? Map.of() : Map.copyOf(figures);
        details = details == null ? Map.of() : Map.copyOf(details);
        exampleTraceIds = exampleTraceIds == null ? List.of() : List.copyOf(exampleTraceIds);
    }
}
