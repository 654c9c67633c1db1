package dev.selfheal.detector.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.SpanStatus;
import dev.selfheal.contracts.v1.SpecPublished;
import dev.selfheal.detector.engine.EngineRuntime.Positioned;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventTimeOrderTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void partitionsOfOneBatchAreInterleavedByEventTime() {
        // A polled batch: partition 0's records, then partition 1's, each covering the same seconds.
        List<Positioned> batch = List.of(span(0, 0, 1), span(0, 1, 3), span(0, 2, 5), span(1, 0, 2), span(1, 1, 4));

        assertThat(EngineRuntime.inEventTimeOrder(batch)).extracting(p -> p.partition() + ":" + p.offset())
                .containsExactly("0:0", "1:0", "0:1", "1:1", "0:2");
    }

    @Test
    void aRecordWithoutEventTimeStaysAfterTheRecordBeforeIt() {
        Positioned spec = new Positioned("selfheal.telemetry.v1", 0, 1, new SpecPublished("spec-1", "checkout", "1.0.0",
                T0, "3.1.0", "Checkout", "1.0.0", 1, 1, List.of()), null, null);
        List<Positioned> batch = List.of(span(0, 0, 3), spec, span(1, 0, 1), span(1, 1, 4));

        assertThat(EngineRuntime.inEventTimeOrder(batch)).extracting(p -> p.partition() + ":" + p.offset())
                .containsExactly("1:0", "0:0", "0:1", "1:1");
    }

    private static Positioned span(int partition, long offset, int second) {
        SpanRecorded span = new SpanRecorded("checkout", "1.0.0", "t" + partition + offset, "s", null, "POST /orders",
                T0.plusSeconds(second), 0, SpanStatus.OK, Map.of());
        return new Positioned("selfheal.telemetry.v1", partition, offset, span, null, null);
    }
}
