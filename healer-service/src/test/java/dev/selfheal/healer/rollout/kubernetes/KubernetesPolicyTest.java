package dev.selfheal.healer.rollout.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.healing.playbook.RuntimeAction;
import dev.selfheal.healing.playbook.RuntimeAction.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KubernetesPolicyTest {

    private static final DeploymentState CHECKOUT = new DeploymentState("shop", "checkout", 2, 2, 2, 2, "1.4.2",
            "3", 4, 4);

    private final KubernetesPolicy policy = new KubernetesPolicy(config(Optional.empty()));

    @Test
    void aFixWithinTheLimitsPasses() {
        assertThat(policy.violations(List.of(scale("5"), deployment(Type.RESTART, Map.of())), "shop", CHECKOUT))
                .isEmpty();
        assertThat(policy.violations(List.of(deployment(Type.ROLLBACK, Map.of("toVersion", "1.4.1")),
                deployment(Type.RESOURCES, Map.of("requests.cpu", "500m", "limits.cpu", "1"))), "shop", CHECKOUT))
                .isEmpty();
    }

    @Test
    void onlyTheHealersOwnNamespaceUnlessOthersAreListed() {
        assertThat(policy.violations(List.of(scale("3")), "kube-system", CHECKOUT))
                .containsExactly("namespace kube-system is not one fixes may change [shop]");
        KubernetesPolicy wider = new KubernetesPolicy(config(Optional.of(List.of("shop", "billing"))));
        assertThat(wider.violations(List.of(scale("3")), "billing", CHECKOUT)).isEmpty();
    }

    @Test
    void replicaCountsOutsideTheLimitsAreRefused() {
        assertThat(policy.violations(List.of(scale("6")), "shop", CHECKOUT))
                .containsExactly("SCALE Deployment checkout: adds 4 replicas to 2, at most 3 allowed per fix");
        assertThat(policy.violations(List.of(scale("0")), "shop", CHECKOUT))
                .containsExactly("SCALE Deployment checkout: 0 replicas, at least 1 required");
        DeploymentState nine = new DeploymentState("shop", "checkout", 9, 9, 9, 9, "1.4.2", "3", 4, 4);
        assertThat(policy.violations(List.of(scale("11")), "shop", nine))
                .containsExactly("SCALE Deployment checkout: 11 replicas, at most 10 allowed");
        assertThat(policy.violations(List.of(scale("3")), "shop", null))
                .containsExactly("SCALE Deployment checkout: its current replica count is unknown, so the 3"
                        + " added-replica limit cannot be checked");
    }

    @Test
    void aFixChangesOnlyItsOwnServicesDeployment() {
        assertThat(policy.blastRadius(List.of(scale("3")), "checkout")).isEmpty();
        assertThat(policy.blastRadius(List.of(scale("3"), new RuntimeAction(Type.RESTART, "Deployment", "payments",
                Map.of(), "restart payments")), "checkout"))
                .containsExactly("RESTART Deployment payments: outside the blast radius of a fix for checkout (a fix "
                        + "changes only its own service)");
    }

    @Test
    void tooManyActionsAndBadParametersAreRefused() {
        assertThat(policy.violations(List.of(scale("3"), scale("3"), scale("3"), scale("3")), "shop", CHECKOUT))
                .containsExactly("4 actions in one fix, at most 3 allowed");
        assertThat(policy.violations(List.of(deployment(Type.RESOURCES, Map.of("requests.cpu", "lots",
                "requests.memory", "2Gi", "limits.memory", "1Gi", "gpu", "1"))), "shop", CHECKOUT))
                .containsExactlyInAnyOrder(
                        "RESOURCES Deployment checkout: unknown parameter gpu",
                        "RESOURCES Deployment checkout: requests.cpu is not a Kubernetes quantity: lots",
                        "RESOURCES Deployment checkout: requests.memory 2Gi exceeds limits.memory 1Gi");
        assertThat(policy.violations(List.of(new RuntimeAction(Type.CONFIG, "Deployment", "checkout",
                Map.of("POOL_SIZE", "20"), "")), "shop", CHECKOUT))
                .containsExactly("CONFIG Deployment checkout: CONFIG applies to a ConfigMap, not a Deployment",
                        "CONFIG Deployment checkout: unknown parameter POOL_SIZE (expected data.<key> or"
                                + " remove.<key>)");
        assertThat(policy.violations(List.of(deployment(Type.ROLLBACK, Map.of("toVersion", "1.4.2"))), "shop",
                CHECKOUT)).containsExactly("ROLLBACK Deployment checkout: already runs version 1.4.2");
    }

    private static RuntimeAction scale(String replicas) {
        return deployment(Type.SCALE, Map.of("replicas", replicas));
    }

    private static RuntimeAction deployment(Type type, Map<String, String> parameters) {
        return new RuntimeAction(type, "Deployment", "checkout", parameters, type.name());
    }

    private static KubernetesConfig config(Optional<List<String>> allowed) {
        return new KubernetesConfig() {
            @Override
            public String namespace() {
                return "shop";
            }

            @Override
            public Optional<List<String>> allowedNamespaces() {
                return allowed;
            }

            @Override
            public int minReplicas() {
                return 1;
            }

            @Override
            public int maxReplicas() {
                return 10;
            }

            @Override
            public int maxAddedReplicas() {
                return 3;
            }

            @Override
            public int maxActionsPerFix() {
                return 3;
            }
        };
    }
}
