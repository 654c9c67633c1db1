package dev.selfheal.detection.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.detection.engine.Feedback;
import dev.selfheal.detection.engine.Finding;
import dev.selfheal.detection.stats.Traffic;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StateDetectorTest {

    private static final String SERVICE = "orders";

    /** One order's life: created (id, total, status NEW), paid, shipped; a few per second. */
    private static Instant feed(StateDetector detector, Traffic traffic, Traffic.Sink sink, Instant from,
            int orders) {
        Instant t = from;
        for (int i = 0; i < orders; i++) {
            t = t.plusNanos(traffic.gapNanos(3));
            String id = new UUID(traffic.random().nextLong(), traffic.random().nextLong()).toString();
            String total = String.format(Locale.ROOT, "%.2f", traffic.logNormal(60, 0.6));
            detector.onState(traffic.state(SERVICE, "1.0", "POST /orders", t, "order.id", id, null), sink);
            detector.onState(traffic.state(SERVICE, "1.0", "POST /orders", t, "order.total", total, null), sink);
            detector.onState(traffic.state(SERVICE, "1.0", "POST /orders", t, "order.status", "NEW", null), sink);
            detector.onState(traffic.state(SERVICE, "1.0", "POST /orders/{id}/payment", t.plusMillis(200),
                    "order.status", "PAID", "NEW"), sink);
            if (traffic.random().nextDouble() < 0.8) {
                detector.onState(traffic.state(SERVICE, "1.0", "POST /orders/{id}/shipment", t.plusMillis(400),
                        "order.status", "SHIPPED", "PAID"), sink);
            }
        }
        return t.plusSeconds(1);
    }

    /** The same write three times within a second: a broken invariant, not an odd value. */
    private static void thrice(StateDetector detector, Traffic traffic, Traffic.Sink sink, String handler, Instant t,
            String key, String value, String previous) {
        for (int i = 0; i < 3; i++) {
            detector.onState(traffic.state(SERVICE, "1.1", handler, t.plusMillis(200L * i), key, value, previous), sink);
        }
    }

    private static Finding only(Traffic.Sink sink) {
        assertThat(sink.findings).hasSize(1);
        return sink.findings.get(0);
    }

    @Test
    void findsEachKindOfViolationAtOnce() {
        Traffic traffic = new Traffic(1);
        StateDetector detector = new StateDetector();
        Traffic.Sink sink = new Traffic.Sink();
        Instant t = feed(detector, traffic, sink, Traffic.START, 3000);
        assertThat(sink.findings).isEmpty();

        detector.onState(traffic.state(SERVICE, "1.1", "POST /orders", t, "order.total", "-12.50", null), sink);
        assertThat(sink.findings).as("one odd value is not yet a broken invariant").isEmpty();
        detector.onState(traffic.state(SERVICE, "1.1", "POST /orders", t.plusMillis(200), "order.total", "-12.50", null), sink);
        detector.onState(traffic.state(SERVICE, "1.1", "POST /orders", t.plusMillis(400), "order.total", "-12.50", null), sink);
        Finding range = only(sink);
        assertThat(range.signature()).isEqualTo("range:order.total");
        assertThat(range.handler()).isEqualTo("POST /orders");
        assertThat(range.capability()).isEqualTo(Capability.STATE);
        assertThat(range.details()).containsEntry("key", "order.total").containsEntry("observed", "-12.50")
                .containsKey("expected");
        assertThat(range.exampleTraceIds()).hasSize(1);
        assertThat(range.onset()).isEqualTo(t);

        sink.findings.clear();
        detector.onState(traffic.state(SERVICE, "1.1", "POST /orders", t.plusSeconds(2), "order.total", "99999",
                null), sink);
        assertThat(only(sink).signature()).isEqualTo("range:order.total");

        String[][] cases = {
            {"POST /orders/{id}/payment", "order.status", "REFUNDED", "PAID", "value:order.status"},
            {"POST /orders/{id}/payment", "order.status", "SHIPPED", "NEW", "transition:order.status"},
            {"POST /orders", "order.id", "null", null, "null:order.id"},
            {"POST /orders", "order.total", "a lot", null, "type:order.total"},
            {"DELETE /orders/{id}", "order.status", "NEW", null, "writer:order.status"},
            {"POST /orders", "order.coupon", "SPRING", null, "unexpected-key:order.coupon"},
        };
        int second = 3;
        for (String[] c : cases) {
            sink.findings.clear();
            thrice(detector, traffic, sink, c[0], t.plusSeconds(second++), c[1], c[2], c[3]);
            assertThat(only(sink).signature()).isEqualTo(c[4]);
            assertThat(sink.findings.get(0).handler()).isEqualTo(c[0]);
        }
    }

    @Test
    void raisesNothingOnLongNormalTrafficNorDuringColdStart() {
        Traffic traffic = new Traffic(2);
        StateDetector detector = new StateDetector();
        Traffic.Sink sink = new Traffic.Sink();
        feed(detector, traffic, sink, Traffic.START, 15_000);
        System.out.printf("state: %d findings on ~%d normal mutations%n", sink.findings.size(), 15_000 * 4);
        assertThat(sink.findings.size()).isLessThanOrEqualTo(2);

        StateDetector cold = new StateDetector();
        Traffic.Sink coldSink = new Traffic.Sink();
        Instant t = feed(cold, traffic, coldSink, Traffic.START, 20);
        cold.onState(traffic.state(SERVICE, "1.0", "POST /orders", t, "order.total", "-5", null), coldSink);
        assertThat(coldSink.findings).isEmpty();

        // Enough writes but not yet the learning period: a rare legitimate value may still be on its way.
        StateDetector young = new StateDetector();
        Traffic.Sink youngSink = new Traffic.Sink();
        Instant u = feed(young, traffic, youngSink, Traffic.START, 1000);
        for (int i = 0; i < 3; i++) {
            young.onState(traffic.state(SERVICE, "1.0", "POST /orders/{id}/payment", u.plusMillis(200L * i),
                    "order.status", "PAYMENT_FAILED", "NEW"), youngSink);
        }
        assertThat(youngSink.findings).isEmpty();
    }

    @Test
    void falsePositiveFeedbackAcceptsTheValue() {
        Traffic traffic = new Traffic(3);
        StateDetector detector = new StateDetector();
        Traffic.Sink sink = new Traffic.Sink();
        Instant t = feed(detector, traffic, sink, Traffic.START, 3000);
        thrice(detector, traffic, sink, "POST /orders/{id}/payment", t, "order.status", "REFUNDED", "PAID");
        Finding judged = only(sink);
        detector.feedback(new Feedback(Capability.STATE, SERVICE, judged.handler(), judged.signature(),
                Feedback.Verdict.FALSE_POSITIVE, judged.score(), t));
        sink.findings.clear();
        detector.onState(traffic.state(SERVICE, "1.0", "POST /orders/{id}/payment", t.plusSeconds(5),
                "order.status", "REFUNDED", "NEW"), sink);
        assertThat(sink.findings).extracting(Finding::signature).doesNotContain("value:order.status");

        thrice(detector, traffic, sink, "POST /orders", t.plusSeconds(6), "order.total", "-3", null);
        Finding range = sink.findings.get(sink.findings.size() - 1);
        assertThat(range.signature()).isEqualTo("range:order.total");
        detector.feedback(new Feedback(Capability.STATE, SERVICE, range.handler(), range.signature(),
                Feedback.Verdict.CONFIRMED, range.score(), t));
        sink.findings.clear();
        detector.onState(traffic.state(SERVICE, "1.0", "POST /orders", t.plusSeconds(8), "order.total", "-3", null),
                sink);
        assertThat(sink.findings).extracting(Finding::signature).containsExactly("range:order.total");
    }

    @Test
    void restoredFromJsonBehavesIdentically() throws Exception {
        StateDetector original = new StateDetector();
        Instant t = feed(original, new Traffic(4), new Traffic.Sink(), Traffic.START, 3000);
        StateDetector restored = new StateDetector();
        Traffic.restart(original, restored);
        Traffic.Sink a = new Traffic.Sink();
        Traffic.Sink b = new Traffic.Sink();
        for (StateDetector d : List.of(original, restored)) {
            Traffic traffic = new Traffic(5);
            Traffic.Sink sink = d == original ? a : b;
            Instant u = feed(d, traffic, sink, t, 500);
            thrice(d, traffic, sink, "POST /orders", u, "order.total", "100000", null);
            thrice(d, traffic, sink, "PUT /orders", u.plusSeconds(2), "order.status", "LOST", "PAID");
        }
        assertThat(a.findings).isNotEmpty();
        assertThat(b.findings).isEqualTo(a.findings);
    }
}
