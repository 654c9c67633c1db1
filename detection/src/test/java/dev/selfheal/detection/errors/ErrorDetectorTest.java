package dev.selfheal.detection.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.ErrorObserved;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.SpanStatus;
import dev.selfheal.detection.engine.Feedback;
import dev.selfheal.detection.engine.Finding;
import dev.selfheal.detection.stats.Traffic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorDetectorTest {

    private static final String SERVICE = "orders";
    private static final String[] HANDLERS = {"POST /orders", "GET /orders/{id}", "DELETE /orders/{id}"};
    private static final String[] BENIGN = {"java.net.SocketTimeoutException", "jakarta.ws.rs.NotFoundException"};

    /** A fault: the share of one handler's calls that fail with one exception. */
    private record Fault(String handler, double share, String type, String template) {
    }

    /**
     * Three handlers at {@code perSecond} each, 0.5 % benign errors of two known kinds; plus the fault if any.
     */
    private static Instant feed(ErrorDetector detector, Traffic traffic, Traffic.Sink sink, Instant from,
            double seconds, double perSecond, String version, Fault fault) {
        Instant end = from.plusNanos((long) (seconds * 1e9));
        Instant t = from;
        while (true) {
            t = t.plusNanos(traffic.gapNanos(perSecond * HANDLERS.length));
            if (t.isAfter(end)) {
                return end;
            }
            String handler = HANDLERS[traffic.random().nextInt(HANDLERS.length)];
            double u = traffic.random().nextDouble();
            String type = null;
            String template = null;
            if (fault != null && fault.handler().equals(handler) && u < fault.share()) {
                type = fault.type();
                template = fault.template();
            } else if (u > 0.995) {
                type = BENIGN[traffic.random().nextInt(BENIGN.length)];
                template = "benign <*>";
            }
            SpanRecorded span = traffic.span(SERVICE, version, handler, t, 20,
                    type == null ? SpanStatus.OK : SpanStatus.ERROR);
            detector.onSpan(span, sink);
            if (type != null) {
                detector.onError(new ErrorObserved(SERVICE, version, null, span.traceId(), span.spanId(), handler,
                        t, type, template, template, "dev.example.Orders.place(Orders.java:42)",
                        ErrorObserved.signatureOf(type, template, "dev.example.Orders.place(Orders.java)")), sink);
            }
        }
    }

    private static final Fault NPE = new Fault("POST /orders", 0.10, "java.lang.NullPointerException",
            "Cannot invoke <*> because customer is null");

    @Test
    void findsANewExceptionAtTenPercentOfCallsWithinThirtySeconds() {
        List<Long> delays = new ArrayList<>();
        for (int seed = 1; seed <= 10; seed++) {
            Traffic traffic = new Traffic(seed);
            ErrorDetector detector = new ErrorDetector();
            Traffic.Sink sink = new Traffic.Sink();
            Instant onset = feed(detector, traffic, sink, Traffic.START, 1800, 3, "1.0", null);
            assertThat(sink.findings).isEmpty();
            feed(detector, traffic, sink, onset, 60, 3, "1.0", NPE);
            Finding first = sink.findings.stream()
                    .filter(f -> !f.signature().equals(ErrorDetector.RATE_SIGNATURE)).findFirst().orElseThrow();
            delays.add(Duration.between(onset, first.detectedAt()).toSeconds());
            assertThat(first.capability()).isEqualTo(Capability.ERROR);
            assertThat(first.handler()).isEqualTo("POST /orders");
            assertThat(first.details()).containsEntry("exceptionType", "java.lang.NullPointerException")
                    .containsEntry("messageTemplate", NPE.template()).containsKey("topFrame");
            assertThat(first.figures().get("count")).isGreaterThanOrEqualTo(3);
            assertThat(first.exampleTraceIds()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(first.onset()).isAfterOrEqualTo(onset);
        }
        System.out.printf("errors: new-signature detection delays (s) at 10 %% of 3 calls/s: %s%n", delays);
        assertThat(delays).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(30));
    }

    @Test
    void findsAnErrorRateIncreaseOfAKnownErrorWithinThirtySeconds() {
        List<Long> delays = new ArrayList<>();
        for (int seed = 1; seed <= 10; seed++) {
            Traffic traffic = new Traffic(seed);
            ErrorDetector detector = new ErrorDetector();
            Traffic.Sink sink = new Traffic.Sink();
            Instant onset = feed(detector, traffic, sink, Traffic.START, 1800, 3, "1.0", null);
            Fault timeouts = new Fault("GET /orders/{id}", 0.3, BENIGN[0], "benign <*>");
            feed(detector, traffic, sink, onset, 60, 3, "1.0", timeouts);
            Finding first = sink.findings.get(0);
            delays.add(Duration.between(onset, first.detectedAt()).toSeconds());
            assertThat(first.signature()).isEqualTo("error-rate");
            assertThat(first.handler()).isEqualTo("GET /orders/{id}");
            assertThat(first.figures().get("observed.rate")).isGreaterThan(0.05);
            assertThat(first.figures().get("baseline.rate")).isLessThan(0.02);
            assertThat(first.figures()).containsKeys("pValue", "observed.calls", "baseline.calls");
            assertThat(first.exampleTraceIds()).isNotEmpty();
        }
        System.out.printf("errors: error-rate detection delays (s) at 30 %% of 3 calls/s: %s%n", delays);
        assertThat(delays).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(30));
    }

    @Test
    void raisesNearlyNothingOnLongTrafficWithBenignErrors() {
        Traffic traffic = new Traffic(99);
        ErrorDetector detector = new ErrorDetector();
        Traffic.Sink sink = new Traffic.Sink();
        feed(detector, traffic, sink, Traffic.START, 6 * 3600, 3, "1.0", null);
        System.out.printf("errors: %d findings on ~%d calls with 0.5 %% benign errors%n", sink.findings.size(),
                6 * 3600 * 3 * HANDLERS.length);
        assertThat(sink.findings.size()).isLessThanOrEqualTo(2);
    }

    @Test
    void learnsDuringColdStartInsteadOfReporting() {
        Traffic traffic = new Traffic(5);
        ErrorDetector detector = new ErrorDetector();
        Traffic.Sink sink = new Traffic.Sink();
        feed(detector, traffic, sink, Traffic.START, 600, 3, "1.0", NPE);
        assertThat(sink.findings).isEmpty();
    }

    @Test
    void pinsAnErrorRateIncreaseToTheVersionThatBroughtIt() {
        Traffic traffic = new Traffic(8);
        ErrorDetector detector = new ErrorDetector();
        Traffic.Sink sink = new Traffic.Sink();
        Instant t = feed(detector, traffic, sink, Traffic.START, 1800, 3, "2.3.0", null);
        Fault timeouts = new Fault("POST /orders", 0.25, BENIGN[0], "benign <*>");
        feed(detector, traffic, sink, t, 60, 3, "2.4.0", timeouts);
        Finding first = sink.findings.get(0);
        assertThat(first.signature()).isEqualTo("error-rate");
        assertThat(first.version()).isEqualTo("2.4.0");
        assertThat(first.details()).containsEntry("baseline.version", "2.3.0")
                .containsEntry("observed.version", "2.4.0").containsEntry("introducedIn", "2.4.0");
    }

    @Test
    void falsePositiveFeedbackAcceptsTheSignatureAndTheRate() {
        Traffic traffic = new Traffic(13);
        ErrorDetector detector = new ErrorDetector();
        Traffic.Sink sink = new Traffic.Sink();
        Instant t = feed(detector, traffic, sink, Traffic.START, 1800, 3, "1.0", null);
        t = feed(detector, traffic, sink, t, 60, 3, "1.0", NPE);
        assertThat(sink.findings).isNotEmpty();
        for (Finding f : List.copyOf(sink.findings)) {
            detector.feedback(new Feedback(f.capability(), f.service(), f.handler(), f.signature(),
                    Feedback.Verdict.FALSE_POSITIVE, f.score(), t));
        }
        sink.findings.clear();
        feed(detector, traffic, sink, t, 600, 3, "1.0", NPE);
        assertThat(sink.findings).isEmpty();
    }

    @Test
    void restoredFromJsonBehavesIdentically() throws Exception {
        Traffic traffic = new Traffic(17);
        ErrorDetector original = new ErrorDetector();
        Instant t = feed(original, traffic, new Traffic.Sink(), Traffic.START, 1800, 3, "1.0", null);
        ErrorDetector restored = new ErrorDetector();
        Traffic.restart(original, restored);
        Traffic.Sink a = new Traffic.Sink();
        Traffic.Sink b = new Traffic.Sink();
        feed(original, new Traffic(18), a, t, 120, 3, "1.0", NPE);
        feed(restored, new Traffic(18), b, t, 120, 3, "1.0", NPE);
        assertThat(a.findings).isNotEmpty();
        assertThat(b.findings).isEqualTo(a.findings);
    }
}
