package dev.selfheal.telemetry.evidence.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selfheal.contracts.v1.SpecPublished;
import dev.selfheal.telemetry.evidence.EvidenceRequest;
import java.time.Instant;
import java.util.List;

/**
 * The events an OpenAPI document becomes, computed exactly as {@code POST /api/specs} does (same reader, ids and
 * parts) but without storing or publishing them: for callers that run the detectors in process, such as the
 * fault-injection evaluation.
 */
public final class SpecDocuments {

    private SpecDocuments() {
    }

    /**
     * @param json          {@code true} for a JSON document, {@code false} for YAML
     * @param maxEventBytes the largest event payload (telemetry-service's {@code selfheal.evidence.max-event-size})
     * @throws dev.selfheal.platform.problem.ProblemException when the document is not a readable OpenAPI 3 one
     */
    public static List<SpecPublished> events(String service, String version, byte[] body, boolean json,
            Instant receivedAt, ObjectMapper mapper, int maxEventBytes) {
        ParsedSpec spec = OpenApiReader.read(body, json ? SpecFormat.JSON : SpecFormat.YAML);
        String specId = SpecPublished.specIdOf(service, version, EvidenceRequest.digest(body));
        SpecEvents events = new SpecEvents(value -> size(mapper, value), maxEventBytes);
        return events.of(specId, service, version, receivedAt, spec);
    }

    private static int size(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsBytes(value).length;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable: " + value, e);
        }
    }
}
