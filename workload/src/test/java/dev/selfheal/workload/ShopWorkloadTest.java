package dev.selfheal.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShopWorkloadTest {

    @Test
    void sameSeedGivesSameTraffic() {
        Instant at = Instant.parse("2026-11-29T10:00:00Z");
        assertThat(new ShopWorkload(7).traces(ShopWorkload.STEADY, 20, at, 10))
                .isEqualTo(new ShopWorkload(7).traces(ShopWorkload.STEADY, 20, at, 10));
    }

    @Test
    void orderSpansFormOneTraceRootedInCheckout() {
        List<List<Map<String, Object>>> traces = new ShopWorkload(1).traces(ShopWorkload.STEADY, 50, Instant.now(), 10);

        List<Map<String, Object>> order = traces.stream().filter(t -> t.size() == 3).findFirst().orElseThrow();
        Map<String, Object> root = order.get(0);
        assertThat(root).containsEntry("service", "checkout").containsEntry("handler", "POST /orders")
                .doesNotContainKey("parentSpanId");
        assertThat(order.subList(1, 3)).allSatisfy(child -> {
            assertThat(child.get("traceId")).isEqualTo(root.get("traceId"));
            assertThat(child.get("parentSpanId")).isEqualTo(root.get("spanId"));
        });
        assertThat((String) root.get("traceId")).matches("[0-9a-f]{32}");
    }

    @Test
    void regressionReleaseMakesOrdersMuchSlower() {
        double steady = medianOrderMs(ShopWorkload.STEADY);
        double regressed = medianOrderMs(ShopWorkload.REGRESSION);
        assertThat(regressed).isGreaterThan(steady * 3);
    }

    private static double medianOrderMs(ShopWorkload.Release release) {
        double[] durations = new ShopWorkload(3).traces(release, 400, Instant.now(), 10).stream()
                .map(t -> t.get(0)).filter(s -> "POST /orders".equals(s.get("handler")))
                .mapToDouble(s -> (Double) s.get("durationMs")).sorted().toArray();
        return durations[durations.length / 2];
    }
}
