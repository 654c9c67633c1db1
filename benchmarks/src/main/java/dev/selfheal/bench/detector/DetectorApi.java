package dev.selfheal.bench.detector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The few detector-service reads the benchmark needs: the engine's counters, incidents, an anomaly. */
final class DetectorApi {

    /** {@code GET /api/engine}: events applied and the engine's event time. */
    record Engine(long events, Instant watermark) {
    }

    /** An incident from {@code GET /api/incidents}. */
    record Incident(String id, String capability, String service, String handler, Instant firstSeen,
            Instant openedAt, String anomalyId) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    DetectorApi(String baseUrl) {
        this.base = baseUrl.replaceAll("/+$", "");
    }

    Engine engine() throws IOException, InterruptedException {
        JsonNode node = get("/api/engine");
        return new Engine(node.path("events").asLong(), instant(node.path("watermark")));
    }

    /** The newest incidents (at most 1,000, the API's limit). */
    List<Incident> incidents() throws IOException, InterruptedException {
        List<Incident> incidents = new ArrayList<>();
        for (JsonNode i : get("/api/incidents?limit=1000")) {
            incidents.add(new Incident(i.path("id").asText(), i.path("capability").asText(), i.path("service").asText(),
                    i.path("handler").asText(), instant(i.path("firstSeen")), instant(i.path("openedAt")),
                    i.path("anomalyId").isTextual() ? i.path("anomalyId").asText() : null));
        }
        return incidents;
    }

    /** When Kafka acknowledged the anomaly's event; null while it waits in the outbox. */
    Instant publishedAt(String anomalyId) throws IOException, InterruptedException {
        return instant(get("/api/anomalies/" + anomalyId).path("publishedAt"));
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    private static Instant instant(JsonNode node) {
        return node.isTextual() ? Instant.parse(node.asText()) : null;
    }
}
