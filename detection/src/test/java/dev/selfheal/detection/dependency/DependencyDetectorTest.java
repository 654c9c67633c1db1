package dev.selfheal.detection.dependency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.detection.engine.Feedback;
import dev.selfheal.detection.engine.Finding;
import dev.selfheal.detection.stats.LatencyShiftTracker;
import dev.selfheal.detection.stats.RateShiftTracker;
import dev.selfheal.detection.stats.Traffic;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class DependencyDetectorTest {

    private static final String SERVICE = "orders";
    private static final String[] TARGETS = {"inventory", "payments", "postgresql/orders"};

    /** What one call to a target does: its latency and error type (null: ok). */
    private record Outcome(double ms, String errorType) {
    }

    private static Instant feed(DependencyDetector detector, Traffic traffic, Traffic.Sink sink, Instant from,
            double seconds, double perSecond, String[] targets, BiFunction<String, Traffic, Outcome> outcome) {
        Instant end = from.plusNanos((long) (seconds * 1e9));
        Instant t = from;
        while (true) {
            t = t.plusNanos(traffic.gapNanos(perSecond * targets.length));
            if (t.isAfter(end)) {
                return end;
            }
            String target = targets[traffic.random().nextInt(targets.length)];
            Outcome o = outcome.apply(target, traffic);
            detector.onDependency(traffic.call(SERVICE, "1.0", "GET " + target, target, t, o.ms(), o.errorType()),
                    sink);
        }
    }

    /** Healthy calls with 0.3 % benign timeouts. */
    private static Outcome normal(String target, Traffic traffic) {
        String error = traffic.random().nextDouble() < 0.003 ? "java.net.SocketTimeoutException" : null;
        return new Outcome(traffic.logNormal(30, 0.5), error);
    }

    private static Instant warm(DependencyDetector detector, Traffic traffic, Traffic.Sink sink) {
        return feed(detector, traffic, sink, Traffic.START, 1800, 3, TARGETS, DependencyDetectorTest::normal);
    }

    private static Finding first(List<Finding> findings, String signature) {
        return findings.stream().filter(f -> f.signature().equals(signature)).findFirst().orElseThrow();
    }

    @Test
    void findsARefusingTargetAsMissingWithinSeconds() {
        Traffic traffic = new Traffic(1);
        DependencyDetector detector = new DependencyDetector();
        Traffic.Sink sink = new Traffic.Sink();
        Instant onset = warm(detector, traffic, sink);
        assertThat(sink.findings).isEmpty();
        feed(detector, traffic, sink, onset, 30, 3, TARGETS, (target, tr) -> target.equals("payments")
                ? new Outcome(1, "java.net.ConnectException") : normal(target, tr));
        Finding missing = first(sink.findings, "missing");
        System.out.printf("dependency: refused connections found missing after %d ms%n",
                Duration.between(onset, missing.detectedAt()).toMillis());
        assertThat(missing.detectedAt()).isBefore(onset.plusSeconds(10));
        assertThat(missing.capability()).isEqualTo(Capability.DEPENDENCY);
        assertThat(missing.service()).isEqualTo(SERVICE);
        assertThat(missing.handler()).isEqualTo("payments");
        assertThat(missing.details()).containsEntry("callers", "GET payments")
                .containsEntry("errorType", "java.net.ConnectException").containsKey("since");
        assertThat(missing.exampleTraceIds()).hasSize(3);
        assertThat(first(sink.findings, "failing").handler()).isEqualTo("payments");
    }

    @Test
    void findsFailingAndSlowTargets() {
        Traffic traffic = new Traffic(2);
        DependencyDetector detector = new DependencyDetector();
        Traffic.Sink sink = new Traffic.Sink();
        Instant onset = warm(detector, traffic, sink);
        feed(detector, traffic, sink, onset, 30, 3, TARGETS, (target, tr) -> switch (target) {
            case "inventory" -> new Outcome(tr.logNormal(30, 0.5), tr.random().nextDouble() < 0.3 ? "503" : null);
            case "postgresql/orders" -> new Outcome(tr.logNormal(90, 0.5), null);
            default -> normal(target, tr);
        });
        assertThat(first(sink.findings, "failing").handler()).isEqualTo("inventory");
        assertThat(first(sink.findings, "slow").handler()).isEqualTo("postgresql/orders");
        assertThat(sink.findings).noneMatch(f -> f.handler().equals("payments"));
        assertThat(sink.findings).noneMatch(f -> f.signature().equals("missing"));
    }

    @Test
    void reportsATargetFirstCalledAfterTheLearningPeriodOrOutsideTheDeclaredSet() {
        Traffic traffic = new Traffic(3);
        DependencyDetector detector = new DependencyDetector();
        Traffic.Sink sink = new Traffic.Sink();
        Instant t = warm(detector, traffic, sink);
        feed(detector, traffic, sink, t, 10, 3, new String[] {"inventory", "evil.example.com:443"},
                DependencyDetectorTest::normal);
        Finding undeclared = first(sink.findings, "undeclared");
        assertThat(undeclared.handler()).isEqualTo("evil.example.com:443");

        DependencyDetector.Settings d = DependencyDetector.Settings.DEFAULTS;
        DependencyDetector declared = new DependencyDetector(new DependencyDetector.Settings(d.learningPeriod(),
                d.undeclaredFor(), d.missingInARow(), Map.of(SERVICE, Set.of("inventory", "payments")),
                d.maxCallers(), d.maxTargets(), d.maxServices(), LatencyShiftTracker.Settings.DEFAULTS,
                RateShiftTracker.Settings.DEFAULTS));
        Traffic.Sink declaredSink = new Traffic.Sink();
        feed(declared, new Traffic(4), declaredSink, Traffic.START, 60, 3, TARGETS, DependencyDetectorTest::normal);
        assertThat(declaredSink.findings).isNotEmpty()
                .allMatch(f -> f.signature().equals("undeclared") && f.handler().equals("postgresql/orders"));
    }

    @Test
    void raisesNearlyNothingOnLongHealthyTrafficWithBenignErrors() {
        Traffic traffic = new Traffic(5);
        DependencyDetector detector = new DependencyDetector();
        Traffic.Sink sink = new Traffic.Sink();
        feed(detector, traffic, sink, Traffic.START, 4 * 3600, 4, TARGETS, DependencyDetectorTest::normal);
        System.out.printf("dependency: %d findings on ~%d healthy calls%n", sink.findings.size(), 4 * 3600 * 12);
        assertThat(sink.findings.size()).isLessThanOrEqualTo(2);
    }

    @Test
    void saysNothingDuringColdStart() {
        Traffic traffic = new Traffic(6);
        DependencyDetector detector = new DependencyDetector();
        Traffic.Sink sink = new Traffic.Sink();
        feed(detector, traffic, sink, Traffic.START, 60, 3, TARGETS,
                (target, tr) -> new Outcome(tr.logNormal(30, 0.5), tr.random().nextDouble() < 0.2 ? "503" : null));
        assertThat(sink.findings).isEmpty();
    }

    @Test
    void falsePositiveFeedbackAcceptsAMissingTarget() {
        Traffic traffic = new Traffic(7);
        DependencyDetector detector = new DependencyDetector();
        Traffic.Sink sink = new Traffic.Sink();
        Instant t = warm(detector, traffic, sink);
        BiFunction<String, Traffic, Outcome> refused = (target, tr) -> target.equals("payments")
                ? new Outcome(1, "Connection refused") : normal(target, tr);
        t = feed(detector, traffic, sink, t, 60, 3, TARGETS, refused);
        for (Finding f : List.copyOf(sink.findings)) {
            detector.feedback(new Feedback(f.capability(), f.service(), f.handler(), f.signature(),
                    Feedback.Verdict.FALSE_POSITIVE, f.score(), t));
        }
        sink.findings.clear();
        feed(detector, traffic, sink, t, 120, 3, TARGETS, refused);
        assertThat(sink.findings).isEmpty();
    }

    @Test
    void restoredFromJsonBehavesIdentically() throws Exception {
        Traffic traffic = new Traffic(8);
        DependencyDetector original = new DependencyDetector();
        Instant t = warm(original, traffic, new Traffic.Sink());
        DependencyDetector restored = new DependencyDetector();
        Traffic.restart(original, restored);
        Traffic.Sink a = new Traffic.Sink();
        Traffic.Sink b = new Traffic.Sink();
        BiFunction<String, Traffic, Outcome> fault = (target, tr) -> target.equals("inventory")
                ? new Outcome(tr.logNormal(80, 0.5), tr.random().nextDouble() < 0.3 ? "503" : null)
                : normal(target, tr);
        feed(original, new Traffic(9), a, t, 60, 3, TARGETS, fault);
        feed(restored, new Traffic(9), b, t, 60, 3, TARGETS, fault);
        assertThat(a.findings).isNotEmpty();
        assertThat(b.findings).isEqualTo(a.findings);
    }
}
