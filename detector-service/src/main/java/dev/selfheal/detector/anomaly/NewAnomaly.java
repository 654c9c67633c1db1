package dev.selfheal.detector.anomaly;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A detector's finding before it is stored: what every detector hands to {@link AnomalyService}.
 *
 * @param capability      the capability that found it
 * @param service         the affected service
 * @param handler         the affected handler
 * @param version         the version the problem was observed in
 * @param score           strength of the finding, higher is stronger
 * @param severity        how urgent it is
 * @param summary         one sentence a person can read
 * @param figures         named measurements, in the order a person should read them
 * @param details         named facts that are not numbers
 * @param exampleTraceIds traces that show the problem, most telling first
 * @param incidentId      the incident it announces
 * @param signature       what tells the problem apart within capability and handler
 */
public record NewAnomaly(
        Capability capability,
        String service,
        String handler,
        String version,
        double score,
        Severity severity,
        String summary,
        Map<String, Double> figures,
        Map<String, String> details,
        List<String> exampleTraceIds,
        String incidentId,
        String signature) {

    public NewAnomaly {
        figures = new LinkedHashMap<>(figures);
        details = new LinkedHashMap<>(details);
        exampleTraceIds = List.copyOf(exampleTraceIds);
    }
}
