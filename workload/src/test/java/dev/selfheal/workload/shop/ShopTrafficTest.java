package dev.selfheal.workload.shop;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ShopTrafficTest {

    private static final long START = 1_790_000_000_000_000_000L;
    private static List<SpanRecord> records;
    private static List<Spans.Decoded> spans;

    @BeforeAll
    static void healthyShop() throws Exception {
        records = Spans.traffic(Spans.shop(new Deployment(), 11), Perturbation.NONE, 6_000, START);
        InMemoryTelemetrySink sink = new InMemoryTelemetrySink();
        SpanExporter exporter = new SpanExporter(sink, 200, 512);
        exporter.record(records);
        exporter.drain();
        spans = Spans.decode(sink.exports());
    }

    @Test
    void everySpanIsExportedOnceWithItsServiceVersionAndEnvironment() {
        assertThat(spans).hasSameSizeAs(records);
        assertThat(spans).allSatisfy(s -> {
            assertThat(s.service()).isIn(ShopModel.SERVICES);
            assertThat(s.version()).isEqualTo(ShopModel.INITIAL_VERSIONS.get(s.service()));
            assertThat(s.environment()).isEqualTo(ShopModel.ENVIRONMENT);
            assertThat(s.span().getTraceId().size()).isEqualTo(16);
            assertThat(s.span().getSpanId().size()).isEqualTo(8);
            assertThat(s.span().getEndTimeUnixNano()).isGreaterThanOrEqualTo(s.span().getStartTimeUnixNano());
        });
    }

    @Test
    void serverSpansAreNamedAfterTheirRouteAndNameTheirCode() {
        List<Spans.Decoded> servers = spans.stream().filter(s -> s.span().getKind() == Span.SpanKind.SPAN_KIND_SERVER).toList();
        Map<String, Handler> byKey = ShopModel.HANDLERS.stream()
                .collect(Collectors.toMap(h -> h.service() + " " + h.name(), Function.identity()));
        assertThat(servers).allSatisfy(s -> {
            Handler handler = byKey.get(s.service() + " " + s.name());
            assertThat(handler).as(s.service() + " " + s.name()).isNotNull();
            assertThat(s.attributes()).containsEntry("http.route", handler.route())
                    .containsEntry("http.request.method", handler.method())
                    .containsEntry("code.namespace", handler.className())
                    .containsEntry("code.function", handler.function())
                    .containsKey("http.response.status_code");
        });
        assertThat(servers.stream().map(s -> s.service() + " " + s.name()).collect(Collectors.toSet()))
                .as("every handler of the shop receives traffic").isEqualTo(byKey.keySet());
    }

    @Test
    void childrenLieWithinTheirParentsInTheSameTrace() {
        Map<String, Spans.Decoded> byId = spans.stream().collect(Collectors.toMap(
                s -> s.span().getTraceId().toStringUtf8() + s.span().getSpanId().toStringUtf8(), Function.identity()));
        long roots = spans.stream().filter(s -> s.span().getParentSpanId().isEmpty()).count();
        assertThat(roots).isEqualTo(6_000);
        assertThat(spans).filteredOn(s -> !s.span().getParentSpanId().isEmpty()).allSatisfy(s -> {
            Spans.Decoded parent = byId.get(s.span().getTraceId().toStringUtf8() + s.span().getParentSpanId().toStringUtf8());
            assertThat(parent).isNotNull();
            assertThat(s.span().getStartTimeUnixNano()).isGreaterThanOrEqualTo(parent.span().getStartTimeUnixNano());
            assertThat(s.span().getEndTimeUnixNano()).isLessThanOrEqualTo(parent.span().getEndTimeUnixNano());
        });
    }

    @Test
    void clientAndProducerSpansNameTheDependenciesTheyCall() {
        Set<String> targets = spans.stream().filter(s -> s.span().getKind() == Span.SpanKind.SPAN_KIND_CLIENT
                        || s.span().getKind() == Span.SpanKind.SPAN_KIND_PRODUCER)
                .map(Spans.Decoded::target).collect(Collectors.toSet());
        assertThat(targets).doesNotContainNull().containsExactlyInAnyOrder("catalog", "cart", "checkout", "inventory",
                "payments", "shipping", "postgresql/catalog", "postgresql/orders", "postgresql/inventory",
                "postgresql/payments", "postgresql/shipping", "shop-cache", "payment-provider", "orders");
        assertThat(spans).filteredOn(s -> s.span().getKind() == Span.SpanKind.SPAN_KIND_PRODUCER).allSatisfy(s ->
                assertThat(s.attributes()).containsEntry("messaging.system", "kafka")
                        .containsEntry("messaging.destination.name", "orders"));
        assertThat(spans).filteredOn(s -> "payment-provider".equals(s.target())).allSatisfy(s ->
                assertThat(s.attributes()).containsEntry("http.request.method", "POST").containsKey("server.address"));
    }

    @Test
    void stateMutationsAreWrittenWithValidValues() {
        Map<String, List<String>> values = spans.stream().flatMap(s -> s.span().getEventsList().stream())
                .filter(e -> e.getName().equals("state.mutation")).map(e -> Spans.text(e.getAttributesList()))
                .collect(Collectors.groupingBy(a -> a.get("state.key"), Collectors.mapping(a -> a.get("state.value"),
                        Collectors.toList())));
        assertThat(values.keySet()).containsExactlyInAnyOrder("order.status", "order.total", "cart.items",
                "inventory.stock", "payment.status", "shipment.carrier");
        assertThat(Set.copyOf(values.get("order.status"))).containsExactlyInAnyOrder("NEW", "RESERVED", "PAID",
                "SHIPPED", "PAYMENT_FAILED");
        assertThat(values.get("order.total")).allSatisfy(v -> assertThat(Double.parseDouble(v)).isPositive());
        assertThat(values.get("cart.items")).allSatisfy(v -> assertThat(Long.parseLong(v)).isNotNegative());
        assertThat(values.get("inventory.stock")).allSatisfy(v -> assertThat(Long.parseLong(v)).isNotNegative());
    }

    @Test
    void knownErrorsAndCacheHitsAreBenignNoiseAtRealisticRates() {
        List<Spans.Decoded> productReads = spans.stream()
                .filter(s -> s.service().equals("catalog") && s.name().equals("GET /api/products/{id}")).toList();
        long notFound = productReads.stream().filter(s -> s.span().getEventsList().stream().anyMatch(e ->
                e.getName().equals("exception") && Spans.text(e.getAttributesList()).get("exception.stacktrace")
                        .contains("\tat com.shop.catalog.ProductService.find"))).count();
        assertThat((double) notFound / productReads.size()).isBetween(0.001, 0.015);

        Set<String> withQuery = spans.stream().filter(s -> "postgresql/catalog".equals(s.target()))
                .map(s -> s.span().getParentSpanId().toStringUtf8()).collect(Collectors.toSet());
        long hits = productReads.stream().filter(s -> !withQuery.contains(s.span().getSpanId().toStringUtf8())).count();
        assertThat((double) hits / productReads.size()).isBetween(0.25, 0.35);
    }

    @Test
    void latenciesVaryLogNormallyAroundTheHandlersMedians() {
        double[] orders = spans.stream().filter(s -> s.service().equals("checkout") && s.name().equals("POST /api/orders"))
                .mapToDouble(s -> (s.span().getEndTimeUnixNano() - s.span().getStartTimeUnixNano()) / 1e6).sorted().toArray();
        double median = orders[orders.length / 2];
        double p95 = orders[(int) (orders.length * 0.95)];
        assertThat(median).isBetween(150.0, 400.0);
        assertThat(p95 / median).isBetween(1.3, 3.0);
        assertThat(p95).isLessThan(ShopModel.CHECKOUT_PLACE.latencyBudgetMs() / 2);
    }

    @Test
    void sameSeedSameTraffic() {
        assertThat(Spans.traffic(Spans.shop(new Deployment(), 5), Perturbation.NONE, 300, START))
                .isEqualTo(Spans.traffic(Spans.shop(new Deployment(), 5), Perturbation.NONE, 300, START))
                .isNotEqualTo(Spans.traffic(Spans.shop(new Deployment(), 6), Perturbation.NONE, 300, START));
    }
}
