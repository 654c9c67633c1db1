package dev.selfheal.healer.rollout.kubernetes;

import static dev.selfheal.healer.rollout.kubernetes.KubernetesFixtures.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.healing.playbook.RuntimeAction;
import dev.selfheal.healing.playbook.RuntimeAction.Type;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dry runs send every write with {@code dryRun=All}, so the API server validates it and keeps nothing. fabric8's
 * CRUD mock ignores that parameter and would store the change, so this test uses expectations: reads answer with
 * the current objects, and the only writes the mock accepts are dry-run PATCHes. Any write without it would get a
 * 404 and fail the action.
 */
@EnableKubernetesMockClient
class KubernetesDryRunTest {

    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");
    private static final String DEPLOYMENT = "/apis/apps/v1/namespaces/shop/deployments/checkout";
    private static final String CONFIG_MAP = "/api/v1/namespaces/shop/configmaps/checkout-config";

    static KubernetesMockServer server;
    static KubernetesClient client;
    /** The server is shared by the class and counts all its requests; how many earlier tests took. */
    private static int taken;

    @BeforeAll
    static void quietMockServer() {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
    }

    @Test
    void aDryRunScaleSendsOnlyADryRunPatch() throws InterruptedException {
        Deployment checkout = KubernetesFixtures.deployment("checkout", "1.4.2", 3, 2, "checkout-config");
        server.expect().get().withPath(DEPLOYMENT).andReturn(200, checkout).always();
        server.expect().patch().withPath(DEPLOYMENT + "?dryRun=All").andReturn(200, checkout).always();

        ActionResult result = new KubernetesActions(client).apply(new RuntimeAction(Type.SCALE, "Deployment",
                "checkout", Map.of("replicas", "4"), "scale out"), NAMESPACE, true);

        assertThat(result.dryRun()).isTrue();
        assertThat(result.detail()).isEqualTo("Dry run, nothing kept: Deployment shop/checkout: replicas 2 -> 4");
        assertThat(result.undo().orElseThrow().parameters()).isEqualTo(Map.of("replicas", "2"));
        assertThat(writes()).containsExactly("PATCH " + DEPLOYMENT + "?dryRun=All");
    }

    @Test
    void aDryRunConfigChangeDryRunsTheRestartsToo() throws InterruptedException {
        Deployment checkout = KubernetesFixtures.deployment("checkout", "1.4.2", 3, 2, "checkout-config");
        ConfigMap config = KubernetesFixtures.configMap("checkout-config", Map.of("POOL_SIZE", "10"));
        server.expect().get().withPath(CONFIG_MAP).andReturn(200, config).always();
        server.expect().patch().withPath(CONFIG_MAP + "?dryRun=All").andReturn(200, config).always();
        server.expect().get().withPath("/apis/apps/v1/namespaces/shop/deployments")
                .andReturn(200, new DeploymentListBuilder().addToItems(checkout).build()).always();
        server.expect().get().withPath(DEPLOYMENT).andReturn(200, checkout).always();
        server.expect().patch().withPath(DEPLOYMENT + "?dryRun=All").andReturn(200, checkout).always();

        ActionResult result = new KubernetesActions(client).apply(new RuntimeAction(Type.CONFIG, "ConfigMap",
                "checkout-config", Map.of("data.POOL_SIZE", "20"), "bigger pool"), NAMESPACE, true);

        assertThat(result.detail()).startsWith("Dry run, nothing kept: ")
                .endsWith("restarted Deployments [checkout]");
        assertThat(writes()).containsExactly("PATCH " + CONFIG_MAP + "?dryRun=All",
                "PATCH " + DEPLOYMENT + "?dryRun=All");
    }

    /** The requests since the last call that were not reads. */
    private static List<String> writes() throws InterruptedException {
        List<String> writes = new ArrayList<>();
        for (; taken < server.getRequestCount(); taken++) {
            RecordedRequest request = server.takeRequest();
            if (!"GET".equals(request.getMethod())) {
                writes.add(request.getMethod() + " " + request.getPath());
            }
        }
        return writes;
    }
}
