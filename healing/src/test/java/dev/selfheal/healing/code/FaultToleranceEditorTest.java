package dev.selfheal.healing.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultToleranceEditorTest {

    @TempDir
    Path dir;

    @Test
    void findsTheClientOfAHostThroughItsConfigKey() {
        SourceTree tree = SourceTree.of(SampleService.copyTo(dir));

        Optional<RestClient> client = RestClient.find(tree, "inventory:8080");

        assertThat(client).get().extracting(RestClient::interfaceName).isEqualTo("com.acme.orders.InventoryClient");
        assertThat(client.get().urlEnvironmentVariable()).contains("QUARKUS_REST_CLIENT_INVENTORY_API_URL");
        assertThat(RestClient.find(tree, "inventory:9090")).isEmpty();
    }

    @Test
    void findsTheClientOfAHostThroughItsBaseUri() {
        SourceTree tree = SourceTree.of(SampleService.copyTo(dir));

        assertThat(RestClient.find(tree, "payments.example.com:443")).get()
                .extracting(RestClient::interfaceName).isEqualTo("com.acme.orders.PaymentsClient");
    }

    @Test
    void annotatesOnlyTheMethodServingTheCalledRoute() {
        SourceTree tree = SourceTree.of(SampleService.copyTo(dir));
        RestClient client = RestClient.find(tree, "inventory:8080").orElseThrow();
        FaultToleranceSettings settings = FaultToleranceSettings.fromEvidence(Map.of("baseline.p99Ms", 180.0), false);

        SourceEdit edit = FaultToleranceEditor.annotate(tree, client,
                Optional.of(new Route("POST", "/stock/reservations/42")), settings).orElseThrow();

        assertThat(settings.timeoutMs()).isEqualTo(400);
        assertThat(edit.diff()).startsWith("--- a/orders/src/main/java/com/acme/orders/InventoryClient.java\n"
                + "+++ b/orders/src/main/java/com/acme/orders/InventoryClient.java\n");
        String reserve = edit.revised().substring(edit.revised().indexOf("int available"));
        assertThat(reserve).contains("@Timeout(400)", "@Retry(maxRetries = 2, delay = 100)",
                "@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000)");
        assertThat(edit.revised().substring(0, edit.revised().indexOf("int available"))).doesNotContain("@Timeout");
        assertThat(edit.revised()).contains("import org.eclipse.microprofile.faulttolerance.Timeout;");
    }

    @Test
    void keepsAnExistingTimeout() {
        SourceTree tree = SourceTree.of(SampleService.copyTo(dir));
        RestClient client = RestClient.find(tree, "payments.example.com:443").orElseThrow();

        SourceEdit edit = FaultToleranceEditor.annotate(tree, client, Optional.empty(),
                FaultToleranceSettings.fromEvidence(Map.of(), false)).orElseThrow();

        assertThat(edit.revised()).containsOnlyOnce("@Timeout").contains("@Timeout(2000)", "@CircuitBreaker(");
    }
}
