package dev.selfheal.detector.latency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.SpanStatus;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleRulesTest {

    private static SpanRecorded span(String service, String handler, Instant start, double durationMs) {
        return new SpanRecorded(service, "1.0.0", "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", null,
                handler, start, durationMs, SpanStatus.OK, Map.of());
    }

    @Test
    void aCompleteSpanIsASample() {
        assertThat(SampleRules.problem(span("checkout", "POST /orders", Instant.now(), 12.5))).isEmpty();
        assertThat(SampleRules.problem(span("checkout", "POST /orders", Instant.now(), 0))).isEmpty();
    }

    @Test
    void eachMissingOrImpossibleFieldIsNamed() {
        assertThat(SampleRules.problem(span(" ", "POST /orders", Instant.now(), 1))).get().asString().contains("service");
        assertThat(SampleRules.problem(span("checkout", null, Instant.now(), 1))).get().asString().contains("handler");
        assertThat(SampleRules.problem(span("checkout", "x".repeat(513), Instant.now(), 1))).get().asString().contains("handler");
        assertThat(SampleRules.problem(span("checkout", "GET /", null, 1))).get().asString().contains("start");
        assertThat(SampleRules.problem(span("checkout", "GET /", Instant.now(), -1))).get().asString().contains("durationMs");
        assertThat(SampleRules.problem(span("checkout", "GET /", Instant.now(), Double.NaN))).get().asString().contains("durationMs");
    }
}
