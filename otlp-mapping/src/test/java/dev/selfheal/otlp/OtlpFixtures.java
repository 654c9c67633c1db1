package dev.selfheal.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.HexFormat;

/** Small builders for OTLP messages in tests. */
final class OtlpFixtures {

    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final long START = 1_764_410_400_000_000_000L;

    private OtlpFixtures() {
    }

    static ByteString id(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }

    static KeyValue attr(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    static KeyValue attr(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }

    static Span.Builder span(String spanId, String name) {
        return Span.newBuilder().setTraceId(id(TRACE)).setSpanId(id(spanId)).setName(name)
                .setStartTimeUnixNano(START).setEndTimeUnixNano(START + 12_500_000L);
    }

    static Resource resource(KeyValue... attributes) {
        Resource.Builder resource = Resource.newBuilder();
        for (KeyValue attribute : attributes) {
            resource.addAttributes(attribute);
        }
        return resource.build();
    }

    static ExportTraceServiceRequest request(Resource resource, Span.Builder... spans) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (Span.Builder span : spans) {
            scope.addSpans(span);
        }
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope))
                .build();
    }
}
