package dev.selfheal.detector.latency;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.detector.anomaly.NewAnomaly;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Turns a shifted latency verdict into the anomaly a person and the healer read: figures, facts, examples. */
public final class LatencyFinding {

    private LatencyFinding() {
    }

    public static NewAnomaly describe(String service, String handler, LatencyWindows windows, LatencyVerdict verdict,
            SeverityScale severities, int exampleTraces) {
        if (!verdict.shifted()) {
            throw new IllegalArgumentException("only a shifted verdict is an anomaly, not " + verdict.state());
        }
        LatencyStats baseline = verdict.baseline();
        LatencyStats observed = verdict.observed();
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("baseline.p50Ms", baseline.p50Ms());
        figures.put("baseline.p95Ms", baseline.p95Ms());
        figures.put("baseline.samples", (double) baseline.samples());
        figures.put("observed.p50Ms", observed.p50Ms());
        figures.put("observed.p95Ms", observed.p95Ms());
        figures.put("observed.samples", (double) observed.samples());
        figures.put("pValue", verdict.pValue());
        figures.put("p50Ratio", verdict.p50Ratio());
        figures.put("p95Ratio", verdict.p95Ratio());

        Map<String, String> details = new LinkedHashMap<>();
        details.put("baseline.versions", String.join(",", windows.baselineVersions()));
        details.put("observed.versions", String.join(",", windows.observedVersions()));

        String version = windows.newestVersion();
        String summary = String.format(Locale.ROOT,
                "%s on %s is %.1fx slower in version %s: p95 %.1f ms over its last %d calls against a baseline of "
                        + "%.1f ms, p50 %.1f ms against %.1f ms (one-sided Mann-Whitney p = %.2g).",
                handler, service, verdict.p95Ratio(), version, observed.p95Ms(), observed.samples(),
                baseline.p95Ms(), observed.p50Ms(), baseline.p50Ms(), verdict.pValue());

        return new NewAnomaly(Capability.PERFORMANCE, service, handler, version, verdict.p95Ratio(),
                severities.of(verdict.p95Ratio()), summary, figures, details,
                windows.slowestObservedTraces(exampleTraces));
    }
}
