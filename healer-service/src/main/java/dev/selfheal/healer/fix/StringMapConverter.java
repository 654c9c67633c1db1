package dev.selfheal.healer.fix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Map;
import java.util.TreeMap;

/** Stores a map of strings (action and rollout parameters) as a JSON object in a text column. */
@Converter
public class StringMapConverter implements AttributeConverter<Map<String, String>, String> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(Map<String, String> values) {
        try {
            return JSON.writeValueAsString(values == null ? Map.of() : new TreeMap<>(values));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("parameters cannot be written as JSON", e);
        }
    }

    @Override
    public Map<String, String> convertToEntityAttribute(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored parameters are not a JSON object", e);
        }
    }
}
