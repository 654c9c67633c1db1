package dev.selfheal.healer.rollout.kubernetes;

import static dev.selfheal.healer.rollout.kubernetes.KubernetesFixtures.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.healing.playbook.RuntimeAction;
import dev.selfheal.healing.playbook.RuntimeAction.Type;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** KubernetesActions against fabric8's mock API server in CRUD mode: what each action leaves in the cluster. */
@EnableKubernetesMockClient(crud = true)
class KubernetesActionsTest {

    /** Held so the level sticks: the mock server logs every request at INFO. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static KubernetesClient client;

    private KubernetesActions actions;

    @BeforeAll
    static void quietMockServer() {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
    }

    @BeforeEach
    void cluster() {
        client.apps().deployments().inNamespace(NAMESPACE).delete();
        client.apps().replicaSets().inNamespace(NAMESPACE).delete();
        client.configMaps().inNamespace(NAMESPACE).delete();
        Deployment checkout = client.resource(KubernetesFixtures.deployment("checkout", "1.4.2", 3, 2,
                "checkout-config")).create();
        client.resource(KubernetesFixtures.replicaSet(checkout, "1.4.0", 1)).create();
        client.resource(KubernetesFixtures.replicaSet(checkout, "1.4.1", 2)).create();
        client.resource(KubernetesFixtures.replicaSet(checkout, "1.4.2", 3)).create();
        client.resource(KubernetesFixtures.deployment("catalog", "2.0.0", 1, 1, "catalog-config")).create();
        client.resource(KubernetesFixtures.configMap("checkout-config", Map.of("POOL_SIZE", "10"))).create();
        actions = new KubernetesActions(client);
    }

    @Test
    void scaleSetsTheReplicasAndItsUndoRestoresThem() {
        ActionResult result = actions.apply(action(Type.SCALE, "checkout", Map.of("replicas", "4")), NAMESPACE,
                false);

        assertThat(checkout().getSpec().getReplicas()).isEqualTo(4);
        assertThat(result.dryRun()).isFalse();
        assertThat(result.detail()).isEqualTo("Deployment shop/checkout: replicas 2 -> 4");
        assertThat(result.undo()).get().extracting(RuntimeAction::type, RuntimeAction::parameters)
                .containsExactly(Type.SCALE, Map.of("replicas", "2"));

        actions.apply(result.undo().orElseThrow(), NAMESPACE, false);
        assertThat(checkout().getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void resourcesChangeTheNamedContainerAndTheUndoRemovesWhatWasUnset() {
        ActionResult result = actions.apply(action(Type.RESOURCES, "checkout", Map.of("container", "checkout",
                "limits.memory", "1Gi", "limits.cpu", "1")), NAMESPACE, false);

        ResourceRequirements changed = container(checkout(), "checkout");
        assertThat(changed.getLimits()).containsEntry("memory", new Quantity("1Gi"))
                .containsEntry("cpu", new Quantity("1"));
        assertThat(changed.getRequests()).containsEntry("cpu", new Quantity("250m"));
        assertThat(container(checkout(), "sidecar")).isNull();
        assertThat(result.detail()).contains("limits.cpu unset -> 1", "limits.memory 512Mi -> 1Gi");
        assertThat(result.undo().orElseThrow().parameters())
                .isEqualTo(Map.of("container", "checkout", "limits.cpu", "", "limits.memory", "512Mi"));

        actions.apply(result.undo().orElseThrow(), NAMESPACE, false);
        ResourceRequirements restored = container(checkout(), "checkout");
        assertThat(restored.getLimits()).isEqualTo(Map.of("memory", new Quantity("512Mi")));
        assertThat(restored.getRequests()).isEqualTo(Map.of("cpu", new Quantity("250m"), "memory",
                new Quantity("256Mi")));
    }

    @Test
    void resourcesDefaultToTheFirstContainerAndRefuseAnUnknownOne() {
        actions.apply(action(Type.RESOURCES, "checkout", Map.of("requests.cpu", "500m")), NAMESPACE, false);
        assertThat(container(checkout(), "checkout").getRequests()).containsEntry("cpu", new Quantity("500m"));

        assertThatThrownBy(() -> actions.apply(action(Type.RESOURCES, "checkout", Map.of("container", "nope",
                "requests.cpu", "1")), NAMESPACE, false))
                .isInstanceOf(KubernetesActionException.class)
                .hasMessageContaining("has no container nope");
    }

    @Test
    void rollbackWithoutAVersionReturnsToThePreviousRevisionAndItsUndoReturnsToTheVersionLeft() {
        ActionResult result = actions.apply(action(Type.ROLLBACK, "checkout", Map.of()), NAMESPACE, false);

        Deployment rolledBack = checkout();
        assertThat(rolledBack.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry(KubernetesActions.VERSION_LABEL, "1.4.1")
                .doesNotContainKey(KubernetesActions.POD_TEMPLATE_HASH_LABEL);
        assertThat(rolledBack.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry/checkout:1.4.1");
        assertThat(result.detail())
                .isEqualTo("Deployment shop/checkout: pod template of revision 3 (version 1.4.2) -> revision 2"
                        + " (version 1.4.1)");
        assertThat(result.undo().orElseThrow().parameters()).isEqualTo(Map.of("toVersion", "1.4.2"));

        controllerRecordsRevision("checkout-hash2", 4);
        actions.apply(result.undo().orElseThrow(), NAMESPACE, false);
        assertThat(checkout().getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry/checkout:1.4.2");
    }

    @Test
    void rollbackToANamedVersionPicksTheReplicaSetRunningIt() {
        actions.apply(action(Type.ROLLBACK, "checkout", Map.of("toVersion", "1.4.0")), NAMESPACE, false);

        assertThat(checkout().getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry(KubernetesActions.VERSION_LABEL, "1.4.0");
        assertThat(actions.read(NAMESPACE, "checkout").version()).isEqualTo("1.4.0");
    }

    @Test
    void rollbackRefusesAVersionWithoutAReplicaSetAndTheVersionAlreadyRunning() {
        assertThatThrownBy(() -> actions.apply(action(Type.ROLLBACK, "checkout", Map.of("toVersion", "0.9")),
                NAMESPACE, false))
                .isInstanceOf(KubernetesActionException.class)
                .hasMessageContaining("no ReplicaSet with version 0.9");
        assertThatThrownBy(() -> actions.apply(action(Type.ROLLBACK, "checkout", Map.of("toVersion", "1.4.2")),
                NAMESPACE, false))
                .isInstanceOf(KubernetesActionException.class)
                .hasMessageContaining("already runs version 1.4.2");
        assertThat(checkout().getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry(KubernetesActions.VERSION_LABEL, "1.4.2");
    }

    @Test
    void restartAnnotatesThePodTemplateAndHasNoUndo() {
        ActionResult result = actions.apply(action(Type.RESTART, "checkout", Map.of()), NAMESPACE, false);

        assertThat(checkout().getSpec().getTemplate().getMetadata().getAnnotations())
                .containsKey(KubernetesActions.RESTARTED_AT_ANNOTATION);
        assertThat(result.undo()).isEmpty();
    }

    @Test
    void configSetsTheDataRestartsOnlyTheDeploymentsReadingItAndItsUndoRestoresTheOldValues() {
        ActionResult result = actions.apply(new RuntimeAction(Type.CONFIG, "ConfigMap", "checkout-config",
                Map.of("data.POOL_SIZE", "20", "data.TIMEOUT", "5s"), "bigger pool"), NAMESPACE, false);

        assertThat(client.configMaps().inNamespace(NAMESPACE).withName("checkout-config").get().getData())
                .isEqualTo(Map.of("POOL_SIZE", "20", "TIMEOUT", "5s"));
        assertThat(checkout().getSpec().getTemplate().getMetadata().getAnnotations())
                .containsKey(KubernetesActions.RESTARTED_AT_ANNOTATION);
        assertThat(client.apps().deployments().inNamespace(NAMESPACE).withName("catalog").get().getSpec()
                .getTemplate().getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(result.detail()).isEqualTo("ConfigMap shop/checkout-config: POOL_SIZE \"10\" -> \"20\", TIMEOUT"
                + " unset -> \"5s\", restarted Deployments [checkout]");
        assertThat(result.undo().orElseThrow().parameters())
                .isEqualTo(Map.of("data.POOL_SIZE", "10", "remove.TIMEOUT", "true"));

        actions.apply(result.undo().orElseThrow(), NAMESPACE, false);
        assertThat(client.configMaps().inNamespace(NAMESPACE).withName("checkout-config").get().getData())
                .isEqualTo(Map.of("POOL_SIZE", "10"));
    }

    @Test
    void readReportsReplicasReadinessVersionAndRevision() {
        DeploymentState state = actions.read(NAMESPACE, "checkout");

        assertThat(state).isEqualTo(new DeploymentState(NAMESPACE, "checkout", 2, 1, 2, 1, "1.4.2", "3",
                state.generation(), 4L));
        assertThat(state.rolledOut()).isFalse();
    }

    @Test
    void aMissingTargetOrAWrongKindIsRefusedWithoutAChange() {
        assertThatThrownBy(() -> actions.read(NAMESPACE, "nope"))
                .isInstanceOf(KubernetesActionException.class).hasMessage("no Deployment shop/nope");
        assertThatThrownBy(() -> actions.apply(action(Type.SCALE, "nope", Map.of("replicas", "2")), NAMESPACE,
                false)).isInstanceOf(KubernetesActionException.class).hasMessage("no Deployment shop/nope");
        assertThatThrownBy(() -> actions.apply(new RuntimeAction(Type.SCALE, "ConfigMap", "checkout",
                Map.of("replicas", "x"), ""), NAMESPACE, false))
                .isInstanceOf(KubernetesActionException.class)
                .hasMessageContaining("SCALE applies to a Deployment, not a ConfigMap")
                .hasMessageContaining("replicas must be a whole number, was x");
        assertThat(checkout().getSpec().getReplicas()).isEqualTo(2);
    }

    /** What the Deployment controller does after a rollback: the template rolled back to gets the next revision. */
    private static void controllerRecordsRevision(String replicaSet, long revision) {
        String value = String.valueOf(revision);
        client.apps().replicaSets().inNamespace(NAMESPACE).withName(replicaSet)
                .edit(rs -> {
                    rs.getMetadata().getAnnotations().put(KubernetesActions.REVISION_ANNOTATION, value);
                    return rs;
                });
        client.apps().deployments().inNamespace(NAMESPACE).withName("checkout")
                .edit(d -> {
                    d.getMetadata().getAnnotations().put(KubernetesActions.REVISION_ANNOTATION, value);
                    return d;
                });
    }

    private static RuntimeAction action(Type type, String name, Map<String, String> parameters) {
        return new RuntimeAction(type, "Deployment", name, parameters, type + " " + name);
    }

    private static Deployment checkout() {
        return client.apps().deployments().inNamespace(NAMESPACE).withName("checkout").get();
    }

    private static ResourceRequirements container(Deployment d, String name) {
        return d.getSpec().getTemplate().getSpec().getContainers().stream().filter(c -> c.getName().equals(name))
                .findFirst().orElseThrow().getResources();
    }
}
