package dev.selfheal.bench;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.Random;

/**
 * OTLP trace exports shaped like a shop's real traffic: each trace a SERVER span for the handler and a CLIENT
 * span calling a dependency, with the usual HTTP attributes; one trace in fifty fails with an exception event.
 */
public final class OtlpBatches {

    private static final String[] SERVICES = {"checkout", "inventory", "payments", "catalog"};
    private static final String[] ROUTES = {"POST /orders", "GET /cart", "GET /items/{id}", "POST /charges"};

    private final Random random;

    public OtlpBatches(long seed) {
        this.random = new Random(seed);
    }

    /** A request of {@code traces} traces (two spans each) from one service. */
    public ExportTraceServiceRequest request(int traces) {
        String service = SERVICES[random.nextInt(SERVICES.length)];
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        long now = System.currentTimeMillis() * 1_000_000L;
        for (int i = 0; i < traces; i++) {
            ByteString traceId = bytes(16);
            ByteString rootId = bytes(8);
            String route = ROUTES[random.nextInt(ROUTES.length)];
            long start = now - random.nextInt(1_000_000_000);
            long duration = 2_000_000L + random.nextInt(40_000_000);
            boolean failed = random.nextInt(50) == 0;
            Span.Builder root = Span.newBuilder().setTraceId(traceId).setSpanId(rootId).setName(route)
                    .setKind(Span.SpanKind.SPAN_KIND_SERVER)
                    .setStartTimeUnixNano(start).setEndTimeUnixNano(start + duration)
                    .addAttributes(attribute("http.request.method", route.substring(0, route.indexOf(' '))))
                    .addAttributes(attribute("http.route", route.substring(route.indexOf(' ') + 1)))
                    .addAttributes(attribute("code.namespace", "dev.shop." + service + ".OrderResource"));
            if (failed) {
                root.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
                        .addEvents(Span.Event.newBuilder().setName("exception").setTimeUnixNano(start + duration)
                                .addAttributes(attribute("exception.type", "java.lang.IllegalStateException"))
                                .addAttributes(attribute("exception.message", "order " + random.nextInt(100000)
                                        + " has no items"))
                                .addAttributes(attribute("exception.stacktrace", "java.lang.IllegalStateException\n"
                                        + "\tat dev.shop.OrderService.place(OrderService.java:42)")));
            }
            scope.addSpans(root);
            scope.addSpans(Span.newBuilder().setTraceId(traceId).setSpanId(bytes(8)).setParentSpanId(rootId)
                    .setName("GET /stock").setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                    .setStartTimeUnixNano(start + 1_000_000).setEndTimeUnixNano(start + duration / 2)
                    .addAttributes(attribute("peer.service", "inventory"))
                    .addAttributes(attribute("server.address", "inventory.shop.svc"))
                    .addAttributes(attribute("http.request.method", "GET")));
        }
        Resource resource = Resource.newBuilder()
                .addAttributes(attribute("service.name", service))
                .addAttributes(attribute("service.version", "1.4." + random.nextInt(3)))
                .addAttributes(attribute("deployment.environment.name", "production"))
                .build();
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope))
                .build();
    }

    private ByteString bytes(int length) {
        byte[] raw = new byte[length];
        random.nextBytes(raw);
        raw[0] |= 1;
        return ByteString.copyFrom(raw);
    }

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }
}
