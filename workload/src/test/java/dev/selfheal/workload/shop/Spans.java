package dev.selfheal.workload.shop;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/** Test helpers: traffic generation and OTLP decoding read the way telemetry-service's conventions read them. */
public final class Spans {

    private Spans() {
    }

    /** A decoded span with its resource's identity and its attributes as text. */
    public record Decoded(String service, String version, String environment, Span span, Map<String, String> attributes) {

        public String name() {
            return span.getName();
        }

        /** The dependency target, by the rules of telemetry-service's "Telemetry conventions". */
        public String target() {
            return target(attributes);
        }

        public static String target(Map<String, String> a) {
            if (a.containsKey("peer.service")) {
                return a.get("peer.service");
            }
            if (a.containsKey("server.address")) {
                return a.containsKey("server.port") ? a.get("server.address") + ":" + a.get("server.port")
                        : a.get("server.address");
            }
            String db = a.getOrDefault("db.system", a.get("db.system.name"));
            if (db != null) {
                return a.containsKey("db.namespace") ? db + "/" + a.get("db.namespace") : db;
            }
            return a.get("messaging.destination.name");
        }
    }

    public static List<Decoded> decode(List<ExportTraceServiceRequest> requests) {
        List<Decoded> spans = new ArrayList<>();
        for (ExportTraceServiceRequest request : requests) {
            for (ResourceSpans resource : request.getResourceSpansList()) {
                Map<String, String> r = text(resource.getResource().getAttributesList());
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    for (Span span : scope.getSpansList()) {
                        spans.add(new Decoded(r.get("service.name"), r.get("service.version"),
                                r.get("deployment.environment.name"), span, text(span.getAttributesList())));
                    }
                }
            }
        }
        return spans;
    }

    public static Map<String, String> text(List<KeyValue> attributes) {
        Map<String, String> map = new TreeMap<>();
        for (KeyValue kv : attributes) {
            AnyValue v = kv.getValue();
            map.put(kv.getKey(), switch (v.getValueCase()) {
                case STRING_VALUE -> v.getStringValue();
                case INT_VALUE -> String.valueOf(v.getIntValue());
                case DOUBLE_VALUE -> String.valueOf(v.getDoubleValue());
                case BOOL_VALUE -> String.valueOf(v.getBoolValue());
                default -> v.toString();
            });
        }
        return map;
    }

    /** {@code count} requests of the usual mix, 50 ms apart from {@code startNanos}. */
    public static List<SpanRecord> traffic(ShopTraffic traffic, Perturbation perturbation, int count, long startNanos) {
        List<SpanRecord> spans = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            spans.addAll(traffic.request(startNanos + i * 50_000_000L, perturbation));
        }
        return spans;
    }

    public static ShopTraffic shop(Deployment deployment, long seed) {
        RandomGenerator random = new java.util.SplittableRandom(seed);
        return new ShopTraffic(deployment, random);
    }
}
