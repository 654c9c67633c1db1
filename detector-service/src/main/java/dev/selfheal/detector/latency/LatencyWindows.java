package dev.selfheal.detector.latency;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A handler's latest samples cut in two: the observed window (the latest {@code windowSize} by start time)
 * and the baseline (up to {@code baselineSize} samples just before it). Both lists are in start order.
 *
 * @param baseline the samples the handler's normal latency is learned from
 * @param observed the samples tested against it
 */
public record LatencyWindows(List<LatencyPoint> baseline, List<LatencyPoint> observed) {

    public LatencyWindows {
        baseline = List.copyOf(baseline);
        observed = List.copyOf(observed);
    }

    /**
     * Cuts {@code newestFirst} (a handler's samples, latest start first) into the two windows. With fewer than
     * {@code windowSize} samples everything is observed and the baseline is empty.
     */
    public static LatencyWindows split(List<LatencyPoint> newestFirst, int windowSize, int baselineSize) {
        if (windowSize < 1 || baselineSize < 1) {
            throw new IllegalArgumentException("window and baseline sizes must be at least 1");
        }
        int observedEnd = Math.min(windowSize, newestFirst.size());
        int baselineEnd = Math.min(windowSize + baselineSize, newestFirst.size());
        return new LatencyWindows(chronological(newestFirst.subList(observedEnd, baselineEnd)),
                chronological(newestFirst.subList(0, observedEnd)));
    }

    public double[] baselineDurations() {
        return durations(baseline);
    }

    public double[] observedDurations() {
        return durations(observed);
    }

    /** The distinct versions of the baseline, in the order they first ran. */
    public List<String> baselineVersions() {
        return versions(baseline);
    }

    /** The distinct versions of the observed window, in the order they first ran. */
    public List<String> observedVersions() {
        return versions(observed);
    }

    /** The version of the latest observed sample: the one a regression is attributed to. */
    public String newestVersion() {
        if (observed.isEmpty()) {
            throw new IllegalStateException("the observed window is empty");
        }
        return observed.get(observed.size() - 1).version();
    }

    /** The distinct traces of the slowest observed samples, slowest first. */
    public List<String> slowestObservedTraces(int limit) {
        List<LatencyPoint> bySlowness = new ArrayList<>(observed);
        bySlowness.sort((a, b) -> Double.compare(b.durationMs(), a.durationMs()));
        return bySlowness.stream().map(LatencyPoint::traceId).distinct().limit(limit).toList();
    }

    private static List<LatencyPoint> chronological(List<LatencyPoint> newestFirst) {
        List<LatencyPoint> reversed = new ArrayList<>(newestFirst);
        Collections.reverse(reversed);
        return reversed;
    }

    private static double[] durations(List<LatencyPoint> points) {
        return points.stream().mapToDouble(LatencyPoint::durationMs).toArray();
    }

    private static List<String> versions(List<LatencyPoint> points) {
        return List.copyOf(points.stream().map(LatencyPoint::version)
                .collect(Collectors.toCollection(LinkedHashSet::new)));
    }
}
