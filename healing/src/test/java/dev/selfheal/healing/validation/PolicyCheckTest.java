package dev.selfheal.healing.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.healing.playbook.FixPlan;
import dev.selfheal.healing.playbook.Risk;
import dev.selfheal.healing.playbook.RuntimeAction;
import dev.selfheal.healing.validation.ValidationResult.Status;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyCheckTest {

    private final Policy policy = new Policy(Set.of("shop"), 6, 2, 2);

    private static FixPlan plan(RuntimeAction... actions) {
        return new FixPlan("performance.scale-out", "scale", null, "change", Risk.LOW, List.of(), List.of(actions),
                List.of());
    }

    private static RuntimeAction scale(String name, int replicas) {
        return new RuntimeAction(RuntimeAction.Type.SCALE, "Deployment", name, Map.of("replicas",
                Integer.toString(replicas)), "scale");
    }

    @Test
    void aScaleWithinTheLimitsPasses() {
        assertThat(PolicyCheck.check(plan(scale("orders", 4)), policy, "shop", "orders", 2))
                .extracting(ValidationResult::status).containsOnly(Status.PASSED);
    }

    @Test
    void violationsAreEachReported() {
        List<ValidationResult> results = PolicyCheck.check(plan(scale("orders", 7), scale("payments", 3),
                new RuntimeAction(RuntimeAction.Type.RESTART, "Deployment", "orders", Map.of(), "restart")),
                policy, "kube-system", "orders", 2);

        assertThat(results).filteredOn(r -> r.status() == Status.FAILED).extracting(ValidationResult::check)
                .containsExactly("policy namespace", "policy actions", "policy blast radius", "policy replicas");
        assertThat(results).filteredOn(r -> r.check().equals("policy replicas")).extracting(ValidationResult::detail)
                .containsExactly("7 replicas is outside 1..6", "2 -> 3 replicas");
    }

    @Test
    void tooLargeAStepFails() {
        assertThat(PolicyCheck.check(plan(scale("orders", 5)), policy, "shop", "orders", 2))
                .filteredOn(r -> r.status() == Status.FAILED).extracting(ValidationResult::detail)
                .containsExactly("adds 3 replicas to 2, more than 2");
    }
}
