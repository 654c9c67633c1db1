package dev.selfheal.healer.proposal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.contracts.v1.AnomalyDetected;
import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.Evidence;
import dev.selfheal.contracts.v1.Severity;
import dev.selfheal.healing.diagnosis.Diagnosis;
import dev.selfheal.healing.ledger.SuccessRate;
import dev.selfheal.healing.playbook.FixPlan;
import dev.selfheal.healing.playbook.Risk;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProposalServiceTest {

    private static final Diagnosis DIAGNOSIS = new Diagnosis(new AnomalyDetected("a-1", Capability.BEHAVIORAL,
            "checkout", "1.1.0", "POST /orders", Instant.EPOCH, 2, Severity.HIGH, "a step went missing",
            new Evidence(Map.of(), Map.of(), List.of()), "i-1", "missing-step"), List.of(), "nothing conclusive", 0);

    @Test
    void withoutAPlaybookTheProposalIsToInvestigateAndChangesNothing() {
        FixPlan plan = ProposalService.investigate(DIAGNOSIS);

        assertThat(plan.playbook()).isEqualTo(PlaybookCatalog.INVESTIGATE);
        assertThat(plan.risk()).isEqualTo(Risk.LOW);
        assertThat(plan.actions()).isEmpty();
        assertThat(plan.artifacts()).isEmpty();
        assertThat(plan.title()).contains("BEHAVIORAL", "checkout", "POST /orders");
    }

    @Test
    void aPlaybookThatWorkedOutranksAnUntriedOneForTheSameCause() {
        FixPlan proven = new FixPlan("release.rollback", "t", DIAGNOSIS, "c", Risk.MEDIUM, List.of(), List.of(), List.of());
        FixPlan untried = new FixPlan("performance.scale-out", "t", DIAGNOSIS, "c", Risk.LOW, List.of(), List.of(),
                List.of());
        Map<String, SuccessRate> rates = Map.of("release.rollback", SuccessRate.of(9, 1));

        assertThat(ProposalService.rank(proven, DIAGNOSIS, rates)).isGreaterThan(ProposalService.rank(untried, DIAGNOSIS, rates));
    }
}
