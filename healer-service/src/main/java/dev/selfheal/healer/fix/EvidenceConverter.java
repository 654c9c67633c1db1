package dev.selfheal.healer.fix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selfheal.contracts.v1.Evidence;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Keeps an anomaly's evidence as the JSON the detector sent, so the proposal shows exactly what it relied on. */
@Converter
public class EvidenceConverter implements AttributeConverter<Evidence, String> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String convertToDatabaseColumn(Evidence evidence) {
        try {
            return JSON.writeValueAsString(evidence == null ? new Evidence(null, null, null) : evidence);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("evidence cannot be written as JSON", e);
        }
    }

    @Override
    public Evidence convertToEntityAttribute(String json) {
        try {
            return json == null ? new Evidence(null, null, null) : JSON.readValue(json, Evidence.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored evidence is not readable JSON", e);
        }
    }
}
