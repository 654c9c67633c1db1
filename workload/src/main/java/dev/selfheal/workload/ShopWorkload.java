package dev.selfheal.workload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small shop's traffic: {@code checkout} takes orders ({@code POST /orders}) by reserving stock in
 * {@code inventory} and charging in {@code payments}, and serves carts ({@code GET /cart}). Latencies are
 * log-normal around realistic medians. A {@link Release} says which checkout version runs and how much time its
 * order handler spends on its own, so a release with a regression can be injected at a known moment.
 * Deterministic for a given seed.
 */
public final class ShopWorkload {

    /** A deployed checkout release: its version and the median self time of {@code POST /orders}. */
    public record Release(String version, double orderSelfMedianMs) {
    }

    /** Version 1.0.0: orders take about 15 ms in checkout itself. */
    public static final Release STEADY = new Release("1.0.0", 15);
    /** Version 1.1.0: a slow query makes checkout's own part of an order take about 180 ms. */
    public static final Release REGRESSION = new Release("1.1.0", 180);

    private static final HexFormat HEX = HexFormat.of();

    private final Random random;

    public ShopWorkload(long seed) {
        this.random = new Random(seed);
    }

    /**
     * {@code count} traces, one every {@code spacingMs} from {@code from}: about one in four is a cart view, the
     * rest are orders. Each trace is its spans, as {@code POST /api/events} takes them.
     */
    public List<List<Map<String, Object>>> traces(Release release, int count, Instant from, long spacingMs) {
        List<List<Map<String, Object>>> traces = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant start = from.plusMillis(i * spacingMs);
            traces.add(random.nextInt(4) == 0 ? cart(release, start) : order(release, start));
        }
        return traces;
    }

    private List<Map<String, Object>> order(Release release, Instant start) {
        String trace = id(16);
        String root = id(8);
        double reserve = latency(8);
        double charge = latency(12);
        double self = latency(release.orderSelfMedianMs());
        List<Map<String, Object>> spans = new ArrayList<>();
        Instant reserveAt = start.plusNanos((long) (self * 0.3 * 1_000_000));
        Instant chargeAt = reserveAt.plusNanos((long) ((reserve + 0.5) * 1_000_000));
        spans.add(span("checkout", release.version(), trace, root, null, "POST /orders", start, self + reserve + charge + 1,
                Map.of("http.route", "/orders", "http.request.method", "POST", "http.response.status_code", 201)));
        spans.add(span("inventory", "2.3.1", trace, id(8), root, "POST /reservations", reserveAt, reserve,
                Map.of("http.route", "/reservations", "http.request.method", "POST")));
        spans.add(span("payments", "5.0.4", trace, id(8), root, "POST /charges", chargeAt, charge,
                Map.of("http.route", "/charges", "http.request.method", "POST")));
        return spans;
    }

    private List<Map<String, Object>> cart(Release release, Instant start) {
        return List.of(span("checkout", release.version(), id(16), id(8), null, "GET /cart", start, latency(4),
                Map.of("http.route", "/cart", "http.request.method", "GET", "http.response.status_code", 200)));
    }

    /** Log-normal with the given median and a spread typical of service latencies (sigma 0.25). */
    private double latency(double medianMs) {
        return Math.round(medianMs * Math.exp(0.25 * random.nextGaussian()) * 1000) / 1000.0;
    }

    private String id(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        raw[0] |= 1; // an all-zero id is invalid in OpenTelemetry
        return HEX.formatHex(raw);
    }

    private static Map<String, Object> span(String service, String version, String trace, String spanId, String parent,
            String handler, Instant start, double durationMs, Map<String, Object> attributes) {
        Map<String, Object> span = new LinkedHashMap<>();
        span.put("service", service);
        span.put("version", version);
        span.put("traceId", trace);
        span.put("spanId", spanId);
        if (parent != null) {
            span.put("parentSpanId", parent);
        }
        span.put("handler", handler);
        span.put("start", start.toString());
        span.put("durationMs", durationMs);
        span.put("status", "OK");
        span.put("attributes", attributes);
        return span;
    }
}
