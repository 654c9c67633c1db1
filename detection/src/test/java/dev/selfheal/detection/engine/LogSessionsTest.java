package dev.selfheal.detection.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.LogRecorded;
import dev.selfheal.contracts.v1.LogSeverity;
import dev.selfheal.detection.StandardDetectors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Log records sharing a session id are a flow, judged by the BEHAVIORAL detector as traces are. */
class LogSessionsTest {

    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    private static LogRecorded log(String session, String template, Instant at) {
        return new LogRecorded("ledger", "3.1.0", null, at, LogSeverity.INFO, template.replace("<*>", "42"), null,
                null, Map.of("session.id", session), null, template, List.of("42"));
    }

    private static void session(DetectionEngine engine, int n, Instant at, boolean skipPosting, List<Finding> found) {
        String id = "s-" + n;
        found.addAll(engine.accept(log(id, "opened account <*>", at), at));
        if (!skipPosting) {
            found.addAll(engine.accept(log(id, "posted entry <*>", at.plusMillis(200)), at));
        }
        found.addAll(engine.accept(log(id, "closed account <*>", at.plusMillis(400)), at));
    }

    @Test
    void aSessionThatSkipsAStepIsABehaviouralFindingOnceItRecurs() {
        DetectionEngine engine = StandardDetectors.engine();
        List<Finding> found = new ArrayList<>();
        Instant at = START;
        for (int i = 0; i < 400; i++) {
            at = at.plusSeconds(1);
            session(engine, i, at, false, found);
        }
        assertThat(found).as("normal sessions raise nothing").isEmpty();
        Instant onset = at.plusSeconds(1);
        for (int i = 400; i < 500; i++) {
            at = at.plusSeconds(1);
            session(engine, i, at, true, found);
        }
        assertThat(found).filteredOn(f -> f.capability() == Capability.BEHAVIORAL).isNotEmpty()
                .allSatisfy(f -> {
                    assertThat(f.service()).isEqualTo("ledger");
                    assertThat(f.handler()).isEqualTo("opened account <*>");
                    assertThat(f.signature()).isEqualTo("missing-step:ledger:posted entry <*>");
                });
        // A session is judged 20 s after its last record; five of them must show the problem.
        assertThat(Duration.between(onset, found.get(0).detectedAt())).isLessThan(Duration.ofSeconds(40));
    }

    @Test
    void openSessionsSurviveASnapshot() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper()
                .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule());
        DetectionEngine engine = StandardDetectors.engine();
        engine.accept(log("open-1", "opened account <*>", START), START);
        DetectionEngine restored = StandardDetectors.engine();
        restored.restore(mapper.readTree(mapper.writeValueAsString(engine.snapshot(mapper))), mapper);
        assertThat(restored.snapshot(mapper).path("openSessions").get(0).get(0).path("handler").asText())
                .isEqualTo("opened account <*>");
        assertThat(restored.stats().events()).as("the counters survive too").isEqualTo(1);
        assertThat(restored.watermark()).isEqualTo(START);
    }
}
