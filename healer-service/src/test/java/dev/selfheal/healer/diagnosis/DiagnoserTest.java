package dev.selfheal.healer.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.contracts.v1.AnomalyDetected;
import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.Evidence;
import dev.selfheal.contracts.v1.Severity;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiagnoserTest {

    private final Diagnoser diagnoser = new Diagnoser(3);

    private static Map<String, Double> latency(double baseline, double observed, double ratio) {
        Map<String, Double> figures = new HashMap<>();
        figures.put("baseline.p95Ms", baseline);
        figures.put("observed.p95Ms", observed);
        figures.put("p95Ratio", ratio);
        figures.put("baseline.samples", 480.0);
        figures.put("observed.samples", 120.0);
        return figures;
    }

    private static AnomalyDetected anomaly(Capability capability, String version, Evidence evidence) {
        return new AnomalyDetected("a-1", capability, "checkout", version, "POST /orders",
                Instant.parse("2026-11-29T10:00:00Z"), 4.1, Severity.HIGH, "p95 of POST /orders is 4.1x its baseline",
                evidence);
    }

    @Test
    void newVersionInTheObservedWindowIsBlamedAndRolledBack() {
        Evidence evidence = new Evidence(latency(120.0, 492.5, 4.104),
                Map.of("baseline.versions", "1.4.1", "observed.versions", "1.4.2"), List.of("trace-a", "trace-b"));

        Proposal proposal = diagnoser.diagnose(anomaly(Capability.PERFORMANCE, "1.4.2", evidence));

        assertThat(proposal.playbook()).isEqualTo("performance.rollback-version");
        assertThat(proposal.title()).isEqualTo("Roll checkout back from 1.4.2 to 1.4.1");
        assertThat(proposal.diagnosis())
                .contains("POST /orders", "120 ms", "492.5 ms", "4.10x", "480 samples", "120 samples")
                .contains("1.4.2 introduced the regression")
                .contains("trace-a, trace-b");
        assertThat(proposal.action().type()).isEqualTo("rollback");
        assertThat(proposal.action().targetKind()).isEqualTo("Deployment");
        assertThat(proposal.action().target()).isEqualTo("checkout");
        assertThat(proposal.action().parameters())
                .containsEntry("fromVersion", "1.4.2").containsEntry("toVersion", "1.4.1");
    }

    @Test
    void duringACanaryTheNewVersionIsBlamedAndTheNewestGoodVersionIsTheTarget() {
        Evidence evidence = new Evidence(latency(100.0, 300.0, 3.0),
                Map.of("baseline.versions", "1.9.0, 1.10.0", "observed.versions", "1.10.0,2.0.0-rc1"), List.of());

        Proposal proposal = diagnoser.diagnose(anomaly(Capability.PERFORMANCE, "1.10.0", evidence));

        assertThat(proposal.playbook()).isEqualTo(Playbooks.ROLLBACK_VERSION);
        assertThat(proposal.action().parameters())
                .containsEntry("fromVersion", "2.0.0-rc1").containsEntry("toVersion", "1.10.0");
        assertThat(proposal.diagnosis()).contains("2.0.0-rc1 introduced the regression")
                .contains("no example traces");
    }

    @Test
    void anomalysOwnVersionIsPreferredWhenSeveralAreNew() {
        Evidence evidence = new Evidence(latency(100.0, 300.0, 3.0),
                Map.of("baseline.versions", "1.0", "observed.versions", "1.1,1.2"), List.of());

        Proposal proposal = diagnoser.diagnose(anomaly(Capability.PERFORMANCE, "1.2", evidence));

        assertThat(proposal.action().parameters()).containsEntry("fromVersion", "1.2").containsEntry("toVersion", "1.0");
    }

    @Test
    void unchangedVersionsProposeScalingOutInProportionToTheSlowdown() {
        Evidence evidence = new Evidence(latency(100.0, 250.0, 2.5),
                Map.of("baseline.versions", "1.4.1", "observed.versions", "1.4.1"), List.of("t1"));

        Proposal proposal = diagnoser.diagnose(anomaly(Capability.PERFORMANCE, "1.4.1", evidence));

        assertThat(proposal.playbook()).isEqualTo("performance.scale-out");
        assertThat(proposal.title()).isEqualTo("Scale checkout out by 2 replicas");
        assertThat(proposal.action().type()).isEqualTo("scale-out");
        assertThat(proposal.action().parameters()).containsEntry("addReplicas", "2");
        assertThat(proposal.diagnosis()).contains("100 ms", "250 ms", "2.50x", "did not change (1.4.1)", "t1");
    }

    @Test
    void scaleOutIsCappedAndNeverBelowOneReplica() {
        Evidence huge = new Evidence(latency(10.0, 400.0, 40.0), Map.of(), List.of());
        Evidence slight = new Evidence(latency(100.0, 130.0, 1.3), Map.of(), List.of());

        assertThat(diagnoser.diagnose(anomaly(Capability.PERFORMANCE, "1", huge)).action().parameters())
                .containsEntry("addReplicas", "3");
        assertThat(diagnoser.diagnose(anomaly(Capability.PERFORMANCE, "1", slight)).action().parameters())
                .containsEntry("addReplicas", "1");
        assertThat(diagnoser.diagnose(anomaly(Capability.PERFORMANCE, "1", huge)).diagnosis())
                .contains("does not name the versions");
    }

    @Test
    void observedVersionsThatAllRanBeforeAreNotBlamed() {
        Evidence evidence = new Evidence(latency(100.0, 300.0, 3.0),
                Map.of("baseline.versions", "1.3,1.4", "observed.versions", "1.4"), List.of());

        Proposal proposal = diagnoser.diagnose(anomaly(Capability.PERFORMANCE, "1.4", evidence));

        assertThat(proposal.playbook()).isEqualTo(Playbooks.SCALE_OUT);
        assertThat(proposal.diagnosis()).contains("already ran in the baseline");
    }

    @Test
    void missingRatioIsComputedFromThePercentilesAndMissingFiguresAreSaidToBeUnknown() {
        Map<String, Double> figures = Map.of("baseline.p95Ms", 50.0, "observed.p95Ms", 200.0);
        Proposal computed = diagnoser.diagnose(anomaly(Capability.PERFORMANCE, "1",
                new Evidence(figures, Map.of(), List.of())));
        assertThat(computed.diagnosis()).contains("4.00x").contains("sample count unknown");
        assertThat(computed.action().parameters()).containsEntry("addReplicas", "3");

        Proposal blind = diagnoser.diagnose(anomaly(Capability.PERFORMANCE, "1", null));
        assertThat(blind.playbook()).isEqualTo(Playbooks.SCALE_OUT);
        assertThat(blind.diagnosis()).contains("an unknown p95");
        assertThat(blind.action().parameters()).containsEntry("addReplicas", "1");
    }

    @Test
    void otherCapabilitiesAreInvestigatedWithTheirEvidenceStated() {
        Evidence evidence = new Evidence(Map.of("errorRate", 0.125, "baseline.errorRate", 0.01),
                Map.of("signature", "NullPointerException at OrderService.place"), List.of("t9"));
        AnomalyDetected anomaly = new AnomalyDetected("a-2", Capability.ERROR, "checkout", "1.4.2", "POST /orders",
                Instant.now(), 12.5, Severity.CRITICAL, "error rate rose to 12.5%", evidence);

        Proposal proposal = diagnoser.diagnose(anomaly);

        assertThat(proposal.playbook()).isEqualTo("investigate");
        assertThat(proposal.title()).isEqualTo("Investigate the error anomaly in checkout POST /orders");
        assertThat(proposal.diagnosis())
                .startsWith("An error anomaly in checkout 1.4.2")
                .contains("CRITICAL", "error rate rose to 12.5%.")
                .contains("errorRate = 0.13", "baseline.errorRate = 0.01")
                .contains("signature = NullPointerException at OrderService.place")
                .contains("t9");
        assertThat(proposal.action().type()).isEqualTo("investigate");
        assertThat(proposal.action().targetKind()).isEqualTo("Service");
        assertThat(proposal.action().parameters()).containsEntry("capability", "error");
    }

    @Test
    void manyExampleTracesAreShortened() {
        List<String> traces = List.of("t1", "t2", "t3", "t4", "t5", "t6", "t7");
        Proposal proposal = diagnoser.diagnose(anomaly(Capability.STATE, "1",
                new Evidence(Map.of(), Map.of(), traces)));

        assertThat(proposal.diagnosis()).contains("t1, t2, t3, t4, t5 and 2 more").doesNotContain("t6")
                .contains("no figures; no details");
    }

    @Test
    void versionsAreOrderedAsReleases() {
        assertThat(List.of("1.9.0", "1.10.0", "1.2", "1.10").stream().max(Versions.RELEASE_ORDER)).contains("1.10.0");
        assertThat(Versions.parse(" 1.0 ,,1.1, 1.0")).containsExactly("1.0", "1.1");
    }

    @Test
    void replicaCapMustAllowAtLeastOne() {
        assertThatThrownBy(() -> new Diagnoser(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
