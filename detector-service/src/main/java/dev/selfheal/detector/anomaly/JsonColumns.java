package dev.selfheal.detector.anomaly;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stores an anomaly's evidence as JSON in text columns, keeping the order a detector gave it. */
public final class JsonColumns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonColumns() {
    }

    @Converter
    public static class Figures extends Json<Map<String, Double>> {
        public Figures() {
            super(new TypeReference<LinkedHashMap<String, Double>>() {
            }, Map.of());
        }
    }

    @Converter
    public static class Details extends Json<Map<String, String>> {
        public Details() {
            super(new TypeReference<LinkedHashMap<String, String>>() {
            }, Map.of());
        }
    }

    @Converter
    public static class TraceIds extends Json<List<String>> {
        public TraceIds() {
            super(new TypeReference<List<String>>() {
            }, List.of());
        }
    }

    abstract static class Json<T> implements AttributeConverter<T, String> {

        private final TypeReference<? extends T> type;
        private final T empty;

        Json(TypeReference<? extends T> type, T empty) {
            this.type = type;
            this.empty = empty;
        }

        @Override
        public String convertToDatabaseColumn(T value) {
            try {
                return JSON.writeValueAsString(value == null ? empty : value);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("anomaly evidence cannot be written as JSON", e);
            }
        }

        @Override
        public T convertToEntityAttribute(String json) {
            try {
                return json == null ? empty : JSON.readValue(json, type);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored anomaly evidence is not valid JSON", e);
            }
        }
    }
}
