package dev.selfheal.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** OTLP attribute values as text, the way Selfheal's events carry them. */
final class Attributes {

    private Attributes() {
    }

    static Map<String, String> flatten(List<KeyValue> attributes) {
        Map<String, String> flat = new TreeMap<>();
        for (KeyValue attribute : attributes) {
            String value = text(attribute.getValue());
            if (value != null && !attribute.getKey().isEmpty()) {
                flat.put(attribute.getKey(), value);
            }
        }
        return flat;
    }

    /** Scalars as their text, arrays joined by commas (as {@code POST /api/events} does), maps as {@code {k=v}}. */
    static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> String.valueOf(value.getBoolValue());
            case INT_VALUE -> String.valueOf(value.getIntValue());
            case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
            case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
            case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(Attributes::text)
                    .map(String::valueOf).collect(Collectors.joining(","));
            case KVLIST_VALUE -> value.getKvlistValue().getValuesList().stream()
                    .map(kv -> kv.getKey() + "=" + text(kv.getValue())).collect(Collectors.joining(", ", "{", "}"));
            case VALUE_NOT_SET -> null;
        };
    }
}
