package dev.selfheal.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** Waits for healer-service to propose a fix and tells the person at the terminal how to approve it. */
final class ProposalWatcher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String healer;

    ProposalWatcher(String healer) {
        this.healer = healer.replaceAll("/+$", "");
    }

    void awaitAndExplain(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            JsonNode pending = pending();
            if (pending != null && pending.isArray() && !pending.isEmpty()) {
                explain(pending.get(0));
                return;
            }
            Thread.sleep(1000);
        }
        System.out.println("selfheal: no fix proposal yet; see " + healer + "/ and the logs in .selfheal/logs");
    }

    /** Explains every new proposal as it appears, until interrupted. */
    void watch(Duration every) throws InterruptedException {
        Set<String> explained = new HashSet<>();
        while (!Thread.currentThread().isInterrupted()) {
            JsonNode pending = pending();
            if (pending != null && pending.isArray()) {
                for (JsonNode fix : pending) {
                    if (explained.add(fix.path("id").asText())) {
                        explain(fix);
                    }
                }
            }
            Thread.sleep(every.toMillis());
        }
    }

    private void explain(JsonNode fix) {
        String id = fix.path("id").asText();
        System.out.printf("%nselfheal: fix proposed for %s %s: %s%n", fix.path("service").asText(),
                fix.path("handler").asText(), fix.path("title").asText());
        System.out.printf("selfheal: diagnosis: %s%n", fix.path("diagnosis").asText());
        System.out.printf("selfheal: risk %s, %d approval(s) needed, expires %s%n", fix.path("risk").asText("?"),
                fix.path("approvalsRequired").asInt(1), fix.path("expiresAt").asText("-"));
        System.out.println("selfheal: approve it with:");
        System.out.println("  TOKEN=$(./selfheal token alice)");
        System.out.printf("  curl -i -X POST %s/api/fixes/%s/approval -H \"Authorization: Bearer $TOKEN\" "
                + "-H 'Content-Type: application/json' -d '{\"decision\":\"APPROVE\",\"comment\":\"looks right\"}'%n",
                healer, id);
    }

    private JsonNode pending() throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(healer + "/api/fixes?status=PENDING_APPROVAL")).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
