package dev.selfheal.detector.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.Severity;
import dev.selfheal.detector.anomaly.NewAnomaly;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyFindingTest {

    private static final SeverityScale SCALE = new SeverityScale(2, 3, 5);

    private static LatencyWindows regression() {
        Latencies latencies = new Latencies(21);
        double[] before = latencies.around(20, 500);
        double[] after = latencies.around(200, 30);
        List<LatencyPoint> newestFirst = new ArrayList<>();
        Instant t0 = Instant.parse("2026-11-29T10:00:00Z");
        for (int i = after.length - 1; i >= 0; i--) {
            newestFirst.add(new LatencyPoint("slow-" + i, "1.1.0", t0.plusSeconds(1000 + i), after[i]));
        }
        for (int i = before.length - 1; i >= 0; i--) {
            newestFirst.add(new LatencyPoint("fast-" + i, "1.0.0", t0.plusSeconds(i), before[i]));
        }
        return LatencyWindows.split(newestFirst, 30, 500);
    }

    @Test
    void aShiftBecomesAPerformanceAnomalyWithEvidence() {
        LatencyWindows windows = regression();
        LatencyVerdict verdict = new LatencyShiftTest(0.001, 1.5, 5, 50)
                .evaluate(windows.baselineDurations(), windows.observedDurations());

        NewAnomaly anomaly = LatencyFinding.describe("checkout", "POST /orders", windows, verdict, SCALE, 5);

        assertThat(anomaly.capability()).isEqualTo(Capability.PERFORMANCE);
        assertThat(anomaly.service()).isEqualTo("checkout");
        assertThat(anomaly.handler()).isEqualTo("POST /orders");
        assertThat(anomaly.version()).isEqualTo("1.1.0");
        assertThat(anomaly.score()).isEqualTo(verdict.p95Ratio());
        assertThat(anomaly.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(anomaly.figures()).containsKeys("baseline.p50Ms", "baseline.p95Ms", "baseline.samples",
                "observed.p50Ms", "observed.p95Ms", "observed.samples", "pValue", "p95Ratio");
        assertThat(anomaly.figures().get("baseline.samples")).isEqualTo(500.0);
        assertThat(anomaly.figures().get("observed.samples")).isEqualTo(30.0);
        assertThat(anomaly.figures().get("observed.p95Ms")).isEqualTo(verdict.observed().p95Ms());
        assertThat(anomaly.details()).containsEntry("baseline.versions", "1.0.0").containsEntry("observed.versions", "1.1.0");
        assertThat(anomaly.exampleTraceIds()).hasSize(5).allMatch(id -> id.startsWith("slow-"));
        assertThat(anomaly.summary())
                .startsWith("POST /orders on checkout is ")
                .contains("slower in version 1.1.0", "over its last 30 calls", "Mann-Whitney p = ")
                .doesNotContain("\n");
    }

    @Test
    void aSteadyVerdictIsNotAnAnomaly() {
        LatencyWindows windows = regression();
        LatencyVerdict steady = new LatencyVerdict(LatencyState.STEADY, LatencyStats.of(windows.baselineDurations()),
                LatencyStats.of(windows.observedDurations()), 0.5, 1, 1);

        assertThatThrownBy(() -> LatencyFinding.describe("checkout", "POST /orders", windows, steady, SCALE, 5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void severityGrowsWithTheRatio() {
        assertThat(SCALE.of(1.5)).isEqualTo(Severity.LOW);
        assertThat(SCALE.of(2)).isEqualTo(Severity.MEDIUM);
        assertThat(SCALE.of(2.99)).isEqualTo(Severity.MEDIUM);
        assertThat(SCALE.of(3)).isEqualTo(Severity.HIGH);
        assertThat(SCALE.of(5)).isEqualTo(Severity.CRITICAL);
        assertThatThrownBy(() -> new SeverityScale(3, 2, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
