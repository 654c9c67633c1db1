package dev.selfheal.workload.shop;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spans as an OTLP {@code ExportTraceServiceRequest}: one {@code ResourceSpans} per service version (with
 * {@code service.name}, {@code service.version}, {@code deployment.environment.name} and the SDK's
 * {@code telemetry.sdk.*}), in the order the services first appear in the batch, as a Collector forwarding
 * several services' spans would send them.
 */
public final class OtlpEncoder {

    private static final HexFormat HEX = HexFormat.of();
    private static final InstrumentationScope SCOPE = InstrumentationScope.newBuilder()
            .setName("io.opentelemetry.java-http-server").setVersion("2.10.0").build();

    private OtlpEncoder() {
    }

    public static ExportTraceServiceRequest encode(List<SpanRecord> spans) {
        Map<String, ScopeSpans.Builder> byResource = new LinkedHashMap<>();
        Map<String, Resource> resources = new LinkedHashMap<>();
        for (SpanRecord span : spans) {
            String key = span.service() + "\u0000" + span.version();
            resources.computeIfAbsent(key, k -> resource(span.service(), span.version()));
            byResource.computeIfAbsent(key, k -> ScopeSpans.newBuilder().setScope(SCOPE)).addSpans(span(span));
        }
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        byResource.forEach((key, scope) -> request.addResourceSpans(ResourceSpans.newBuilder()
                .setResource(resources.get(key)).addScopeSpans(scope)));
        return request.build();
    }

    private static Resource resource(String service, String version) {
        return Resource.newBuilder()
                .addAttributes(attribute("service.name", service))
                .addAttributes(attribute("service.version", version))
                .addAttributes(attribute("service.namespace", "shop"))
                .addAttributes(attribute("deployment.environment.name", ShopModel.ENVIRONMENT))
                .addAttributes(attribute("telemetry.sdk.language", "java"))
                .addAttributes(attribute("telemetry.sdk.name", "opentelemetry"))
                .addAttributes(attribute("telemetry.sdk.version", "1.44.1"))
                .build();
    }

    private static Span span(SpanRecord record) {
        Span.Builder span = Span.newBuilder()
                .setTraceId(ByteString.copyFrom(HEX.parseHex(record.traceId())))
                .setSpanId(ByteString.copyFrom(HEX.parseHex(record.spanId())))
                .setName(record.name())
                .setKind(kind(record.kind()))
                .setStartTimeUnixNano(record.startNanos())
                .setEndTimeUnixNano(record.endNanos());
        if (record.parentSpanId() != null) {
            span.setParentSpanId(ByteString.copyFrom(HEX.parseHex(record.parentSpanId())));
        }
        record.attributes().forEach((k, v) -> span.addAttributes(attribute(k, v)));
        for (SpanRecord.Event event : record.events()) {
            Span.Event.Builder e = Span.Event.newBuilder().setName(event.name()).setTimeUnixNano(event.timeNanos());
            event.attributes().forEach((k, v) -> e.addAttributes(attribute(k, v)));
            span.addEvents(e);
        }
        if (record.error()) {
            Status.Builder status = Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR);
            if (record.statusMessage() != null) {
                status.setMessage(record.statusMessage());
            }
            span.setStatus(status);
        }
        return span.build();
    }

    private static Span.SpanKind kind(SpanRecord.Kind kind) {
        return switch (kind) {
            case SERVER -> Span.SpanKind.SPAN_KIND_SERVER;
            case CLIENT -> Span.SpanKind.SPAN_KIND_CLIENT;
            case PRODUCER -> Span.SpanKind.SPAN_KIND_PRODUCER;
            case INTERNAL -> Span.SpanKind.SPAN_KIND_INTERNAL;
        };
    }

    static KeyValue attribute(String key, Object value) {
        AnyValue.Builder any = AnyValue.newBuilder();
        if (value instanceof Long l) {
            any.setIntValue(l);
        } else if (value instanceof Integer i) {
            any.setIntValue(i);
        } else if (value instanceof Double d) {
            any.setDoubleValue(d);
        } else if (value instanceof Boolean b) {
            any.setBoolValue(b);
        } else {
            any.setStringValue(String.valueOf(value));
        }
        return KeyValue.newBuilder().setKey(key).setValue(any).build();
    }
}
