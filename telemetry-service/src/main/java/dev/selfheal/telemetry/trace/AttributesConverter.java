package dev.selfheal.telemetry.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stores span attributes as a JSON object in a text column; they are read back sorted by name.
 *
 * <p>Every stored span is written through here, so the flat string-to-string object is assembled directly, with
 * Jackson's own string escaper for keys and values, rather than through a generator and a serializer lookup per
 * span; the text is the same JSON (tested against the mapper).
 */
@Converter
public class AttributesConverter implements AttributeConverter<Map<String, String>, String> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {
    };
    private static final JsonStringEncoder ESCAPER = JsonStringEncoder.getInstance();

    @Override
    public String convertToDatabaseColumn(Map<String, String> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return "{}";
        }
        StringBuilder json = new StringBuilder(32 * attributes.size());
        json.append('{');
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            if (attribute.getKey() == null) {
                throw new IllegalArgumentException("span attributes cannot have a null name");
            }
            if (json.length() > 1) {
                json.append(',');
            }
            quoted(json, attribute.getKey()).append(':');
            if (attribute.getValue() == null) {
                json.append("null");
            } else {
                quoted(json, attribute.getValue());
            }
        }
        return json.append('}').toString();
    }

    @Override
    public Map<String, String> convertToEntityAttribute(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored span attributes are not a JSON object", e);
        }
    }

    private static StringBuilder quoted(StringBuilder json, String text) {
        json.append('"');
        ESCAPER.quoteAsString(text, json);
        return json.append('"');
    }
}
