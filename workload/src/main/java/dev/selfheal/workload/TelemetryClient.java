package dev.selfheal.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Sends spans to telemetry-service's {@code POST /api/events}, honouring its 503 + Retry-After while Kafka or
 * the database is away, as a well-behaved exporter does.
 */
public final class TelemetryClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ATTEMPTS = 10;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI events;

    public TelemetryClient(String baseUrl) {
        this.events = URI.create(baseUrl.replaceAll("/+$", "") + "/api/events");
    }

    /** Sends one batch; returns once telemetry-service accepted it, or throws after repeated refusals. */
    public void send(List<Map<String, Object>> spans) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(events)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(spans)))
                .build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                return;
            }
            boolean retriable = response.statusCode() == 503 || response.statusCode() == 429;
            if (!retriable || attempt == MAX_ATTEMPTS) {
                throw new IOException("telemetry-service answered " + response.statusCode() + ": " + response.body());
            }
            long wait = response.headers().firstValueAsLong("Retry-After").orElse(2);
            Thread.sleep(Duration.ofSeconds(Math.max(1, wait)).toMillis());
        }
    }

    private static String json(List<Map<String, Object>> spans) {
        try {
            return JSON.writeValueAsString(spans);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("spans cannot be written as JSON", e);
        }
    }
}
