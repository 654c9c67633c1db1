package dev.selfheal.detection.performance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.SpanStatus;
import dev.selfheal.detection.engine.Feedback;
import dev.selfheal.detection.engine.Finding;
import dev.selfheal.detection.stats.LatencyShiftTracker;
import dev.selfheal.detection.stats.Seasonality;
import dev.selfheal.detection.stats.Traffic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PerformanceDetectorTest {

    private static final String SERVICE = "orders";
    private static final String HANDLER = "POST /orders";

    /** Feeds one handler's Poisson traffic from {@code from} for {@code seconds}; latency from the time offset. */
    private static Instant feed(PerformanceDetector detector, Traffic traffic, Traffic.Sink sink, Instant from,
            double seconds, double perSecond, String version, Function<Instant, Double> latency) {
        Instant end = from.plusNanos((long) (seconds * 1e9));
        Instant t = from;
        while (true) {
            t = t.plusNanos(traffic.gapNanos(perSecond));
            if (t.isAfter(end)) {
                return end;
            }
            detector.onSpan(traffic.span(SERVICE, version, HANDLER, t, latency.apply(t), SpanStatus.OK), sink);
        }
    }

    private static Instant feed(PerformanceDetector detector, Traffic traffic, Traffic.Sink sink, Instant from,
            double seconds, double perSecond, String version, double median, double sigma) {
        return feed(detector, traffic, sink, from, seconds, perSecond, version, t -> traffic.logNormal(median, sigma));
    }

    @Test
    void findsADoubledP95WithinThirtySecondsAtTwoCallsPerSecond() {
        List<Long> delays = new ArrayList<>();
        for (double sigma : new double[] {0.25, 0.5, 0.75}) {
            for (int seed = 1; seed <= 10; seed++) {
                Traffic traffic = new Traffic(seed);
                PerformanceDetector detector = new PerformanceDetector();
                Traffic.Sink sink = new Traffic.Sink();
                Instant onset = feed(detector, traffic, sink, Traffic.START, 600, 2, "1.0", 120, sigma);
                assertThat(sink.findings).as("stationary warm-up, sigma %s seed %d", sigma, seed).isEmpty();
                feed(detector, traffic, sink, onset, 60, 2, "1.0", 240, sigma);
                assertThat(sink.findings).as("sigma %s seed %d", sigma, seed).isNotEmpty();
                Finding first = sink.findings.get(0);
                delays.add(Duration.between(onset, first.detectedAt()).toSeconds());
                assertThat(first.capability()).isEqualTo(Capability.PERFORMANCE);
                assertThat(first.signature()).isEqualTo("latency");
                assertThat(first.handler()).isEqualTo(HANDLER);
                assertThat(Math.max(first.score(), first.figures().get("observed.p50Ms") / first.figures().get("baseline.p50Ms"))).isGreaterThanOrEqualTo(1.5);
                assertThat(first.figures()).containsKeys("baseline.p50Ms", "baseline.p95Ms", "baseline.p99Ms",
                        "observed.p50Ms", "observed.p95Ms", "observed.p99Ms", "observed.samples", "pValue");
                assertThat(first.details()).containsEntry("baseline.version", "1.0")
                        .containsEntry("observed.version", "1.0");
                assertThat(first.exampleTraceIds()).isNotEmpty();
                assertThat(first.onset()).isAfter(onset.minusSeconds(20)).isBeforeOrEqualTo(first.detectedAt());
            }
        }
        System.out.printf("performance: detection delays (s) of a 2x shift at 2 calls/s: %s%n", delays);
        assertThat(delays).allSatisfy(delay -> assertThat(delay).isLessThanOrEqualTo(30));
    }

    @Test
    void findsADoubledP95OfVeryNoisyTrafficAtFiveCallsPerSecond() {
        for (int seed = 1; seed <= 5; seed++) {
            Traffic traffic = new Traffic(100 + seed);
            PerformanceDetector detector = new PerformanceDetector();
            Traffic.Sink sink = new Traffic.Sink();
            Instant onset = feed(detector, traffic, sink, Traffic.START, 600, 5, "1.0", 120, 1.0);
            feed(detector, traffic, sink, onset, 30, 5, "1.0", 240, 1.0);
            assertThat(sink.findings).as("seed %d", seed).isNotEmpty();
            assertThat(sink.findings.get(0).detectedAt()).isBefore(onset.plusSeconds(31));
        }
    }

    @Test
    void raisesNearlyNothingOnLongStationaryLogNormalTraffic() {
        int samples = 0;
        int falseFindings = 0;
        for (double sigma : new double[] {0.25, 0.5, 0.75, 1.0}) {
            Traffic traffic = new Traffic(Double.hashCode(sigma));
            PerformanceDetector detector = new PerformanceDetector();
            Traffic.Sink sink = new Traffic.Sink();
            Counting counting = new Counting();
            feed(detector, traffic, sink, Traffic.START, 10_000, 5, "1.0", t -> {
                counting.n++;
                return traffic.logNormal(80, sigma);
            });
            samples += counting.n;
            falseFindings += sink.findings.size();
        }
        System.out.printf("performance: %d findings on %d stationary samples%n", falseFindings, samples);
        assertThat(samples).isGreaterThan(190_000);
        assertThat(falseFindings).isLessThanOrEqualTo(3);
    }

    private static final class Counting {
        int n;
    }

    @Test
    void raisesNothingDuringColdStart() {
        Traffic traffic = new Traffic(7);
        PerformanceDetector detector = new PerformanceDetector();
        Traffic.Sink sink = new Traffic.Sink();
        Instant t = feed(detector, traffic, sink, Traffic.START, 60, 2, "1.0", 100, 0.3);
        feed(detector, traffic, sink, t, 60, 2, "1.0", 1000, 0.3);
        assertThat(sink.findings).isEmpty();
    }

    @Test
    void comparesANewVersionWithThePreviousOne() {
        Traffic traffic = new Traffic(11);
        PerformanceDetector detector = new PerformanceDetector();
        Traffic.Sink sink = new Traffic.Sink();
        Instant t = feed(detector, traffic, sink, Traffic.START, 900, 3, "1.4.0", 100, 0.4);
        Instant deployed = feed(detector, traffic, sink, t, 300, 3, "1.4.1", 100, 0.4);
        assertThat(sink.findings).as("an equally fast new version").isEmpty();
        feed(detector, traffic, sink, deployed, 60, 3, "1.5.0", 250, 0.4);
        assertThat(sink.findings).isNotEmpty();
        Finding first = sink.findings.get(0);
        assertThat(first.version()).isEqualTo("1.5.0");
        assertThat(first.details()).containsEntry("baseline.version", "1.4.1")
                .containsEntry("observed.version", "1.5.0");
        assertThat(first.detectedAt()).isBefore(deployed.plusSeconds(30));
    }

    /** Every night from 02:00 to 04:00 a batch triples latency: normal, once the history spans two days. */
    private static double nightly(Traffic traffic, Instant t) {
        int hour = Seasonality.hourOfDay(t);
        return traffic.logNormal(hour >= 2 && hour < 4 ? 300 : 100, 0.3);
    }

    @Test
    void learnsADailyPatternOnceTheHistorySpansTwoDays() {
        Traffic traffic = new Traffic(21);
        PerformanceDetector detector = new PerformanceDetector();
        Traffic.Sink sink = new Traffic.Sink();
        Instant twoDays = feed(detector, traffic, sink, Traffic.START, 2 * 86_400, 0.25, "1.0",
                t -> nightly(traffic, t));
        assertThat(sink.findings).as("the first two nights are shifts").isNotEmpty();
        sink.findings.clear();
        feed(detector, traffic, sink, twoDays, 2 * 86_400, 0.25, "1.0", t -> nightly(traffic, t));
        assertThat(sink.findings).as("nights 3 and 4").isEmpty();

        Traffic again = new Traffic(21);
        Seasonality off = new Seasonality(false, Duration.ofDays(2), Duration.ofDays(14), 100);
        LatencyShiftTracker.Settings latency = LatencyShiftTracker.Settings.DEFAULTS;
        PerformanceDetector blind = new PerformanceDetector(new PerformanceDetector.Settings(
                new LatencyShiftTracker.Settings(latency.window(), latency.minWindowSamples(),
                        latency.maxWindowAge(), latency.maxWindowSamples(), latency.minBaselineSamples(),
                        latency.alpha(), latency.minRatio(), latency.clearAlpha(), latency.clearRatio(),
                        latency.evaluateEvery(), latency.maxKeys(), latency.maxVersions(), latency.compression(),
                        off, latency.minMedianRatio(), latency.tailRatio()),
                2, 4, 8, 10_000));
        Traffic.Sink blindSink = new Traffic.Sink();
        Instant t = feed(blind, again, blindSink, Traffic.START, 2 * 86_400, 0.25, "1.0", x -> nightly(again, x));
        blindSink.findings.clear();
        feed(blind, again, blindSink, t, 86_400, 0.25, "1.0", x -> nightly(again, x));
        assertThat(blindSink.findings).as("without seasonality the third night alarms").isNotEmpty();
    }

    @Test
    void keepsFlaggingASustainedRegressionWithoutLearningIt() {
        Traffic traffic = new Traffic(31);
        PerformanceDetector detector = new PerformanceDetector();
        Traffic.Sink sink = new Traffic.Sink();
        Instant onset = feed(detector, traffic, sink, Traffic.START, 600, 3, "1.0", 100, 0.4);
        Instant end = feed(detector, traffic, sink, onset, 1800, 3, "1.0", 220, 0.4);
        assertThat(sink.findings).isNotEmpty();
        long lastMinute = sink.findings.stream().filter(f -> f.detectedAt().isAfter(end.minusSeconds(60))).count();
        assertThat(lastMinute).as("still raised after 30 minutes, about once a second").isBetween(40L, 61L);
        assertThat(sink.findings.get(sink.findings.size() - 1).onset())
                .isEqualTo(sink.findings.get(0).onset());
    }

    @Test
    void falsePositiveFeedbackAcceptsTheNewLatency() {
        Traffic traffic = new Traffic(41);
        PerformanceDetector detector = new PerformanceDetector();
        Traffic.Sink sink = new Traffic.Sink();
        Instant onset = feed(detector, traffic, sink, Traffic.START, 600, 3, "1.0", 100, 0.4);
        Instant t = feed(detector, traffic, sink, onset, 60, 3, "1.0", 220, 0.4);
        Finding judged = sink.findings.get(0);
        detector.feedback(new Feedback(Capability.PERFORMANCE, SERVICE, HANDLER, "latency",
                Feedback.Verdict.FALSE_POSITIVE, judged.score(), t));
        sink.findings.clear();
        feed(detector, traffic, sink, t, 1800, 3, "1.0", 220, 0.4);
        assertThat(sink.findings).isEmpty();

        PerformanceDetector confirmed = new PerformanceDetector();
        Traffic.Sink other = new Traffic.Sink();
        Traffic same = new Traffic(41);
        Instant o = feed(confirmed, same, other, Traffic.START, 600, 3, "1.0", 100, 0.4);
        Instant u = feed(confirmed, same, other, o, 60, 3, "1.0", 220, 0.4);
        confirmed.feedback(new Feedback(Capability.PERFORMANCE, SERVICE, HANDLER, "latency",
                Feedback.Verdict.CONFIRMED, judged.score(), u));
        other.findings.clear();
        feed(confirmed, same, other, u, 60, 3, "1.0", 220, 0.4);
        assertThat(other.findings).as("a confirmed regression is still reported").isNotEmpty();
    }

    @Test
    void restoredFromJsonBehavesIdentically() throws Exception {
        Traffic traffic = new Traffic(51);
        PerformanceDetector original = new PerformanceDetector();
        Traffic.Sink ignored = new Traffic.Sink();
        Instant t = feed(original, traffic, ignored, Traffic.START, 3 * 86_400 + 6 * 3600, 0.3, "1.0",
                x -> nightly(traffic, x));
        PerformanceDetector restored = new PerformanceDetector();
        Traffic.restart(original, restored);

        Traffic.Sink a = new Traffic.Sink();
        Traffic.Sink b = new Traffic.Sink();
        Traffic streamA = new Traffic(52);
        Traffic streamB = new Traffic(52);
        Instant u = feed(original, streamA, a, t, 600, 3, "1.1", 100, 0.3);
        feed(restored, streamB, b, t, 600, 3, "1.1", 100, 0.3);
        feed(original, streamA, a, u, 120, 3, "1.1", 260, 0.3);
        feed(restored, streamB, b, u, 120, 3, "1.1", 260, 0.3);
        assertThat(a.findings).isNotEmpty();
        assertThat(b.findings).isEqualTo(a.findings);
    }
}
