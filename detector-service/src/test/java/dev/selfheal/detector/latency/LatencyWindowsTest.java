package dev.selfheal.detector.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyWindowsTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    /** {@code n} points, latest first, point i started i seconds after T0 and took {@code i} ms. */
    static List<LatencyPoint> newestFirst(int n, int newVersionFrom) {
        List<LatencyPoint> points = new ArrayList<>();
        for (int i = n - 1; i >= 0; i--) {
            points.add(new LatencyPoint("trace-" + i, i >= newVersionFrom ? "1.1.0" : "1.0.0", T0.plusSeconds(i), i));
        }
        return points;
    }

    @Test
    void theLatestSamplesAreObservedAndTheOnesBeforeThemTheBaseline() {
        LatencyWindows windows = LatencyWindows.split(newestFirst(100, 1000), 30, 50);

        assertThat(windows.observed()).hasSize(30);
        assertThat(windows.observed().get(0).durationMs()).isEqualTo(70);
        assertThat(windows.observed().get(29).durationMs()).as("in start order").isEqualTo(99);
        assertThat(windows.baseline()).hasSize(50);
        assertThat(windows.baseline().get(0).durationMs()).isEqualTo(20);
        assertThat(windows.baseline().get(49).durationMs()).isEqualTo(69);
    }

    @Test
    void fewerSamplesThanAWindowAreAllObservedWithAnEmptyBaseline() {
        LatencyWindows windows = LatencyWindows.split(newestFirst(12, 1000), 30, 500);

        assertThat(windows.observed()).hasSize(12);
        assertThat(windows.baseline()).isEmpty();
        assertThat(windows.baselineDurations()).isEmpty();
    }

    @Test
    void versionsAreDistinctInTheOrderTheyRanAndTheNewestIsTheLatestSamples() {
        LatencyWindows windows = LatencyWindows.split(newestFirst(100, 80), 30, 500);

        assertThat(windows.baselineVersions()).containsExactly("1.0.0");
        assertThat(windows.observedVersions()).containsExactly("1.0.0", "1.1.0");
        assertThat(windows.newestVersion()).isEqualTo("1.1.0");
    }

    @Test
    void exampleTracesAreTheSlowestObservedOnesWithoutRepeats() {
        List<LatencyPoint> points = new ArrayList<>(newestFirst(40, 1000));
        points.add(0, new LatencyPoint("trace-39", "1.0.0", T0.plusSeconds(60), 500));

        LatencyWindows windows = LatencyWindows.split(points, 30, 500);

        assertThat(windows.slowestObservedTraces(3)).containsExactly("trace-39", "trace-38", "trace-37");
    }
}
