package dev.selfheal.detection.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * NAB's score at a threshold and its sweep over every threshold. A window's part of the score is -fnWeight until a
 * row in it is detected, then the best (earliest) detected row's reward, so only the first detection in a window
 * counts; every detection outside a window adds its (negative) weight. Rows in the probationary period are left out.
 */
public final class ThresholdSweep {

    /** NAB starts its sweep above any anomaly score, where nothing is detected. */
    public static final double NO_DETECTION = 1.1;

    private ThresholdSweep() {
    }

    /** The score and counts when rows scoring at or above {@code threshold} are detections. */
    public static ThresholdScore at(List<ScoredPoint> points, CostProfile profile, double threshold) {
        Tally tally = new Tally(points, profile.fnWeight());
        for (ScoredPoint point : points) {
            if (!point.probationary() && point.anomalyScore() >= threshold) {
                tally.detect(point);
            }
        }
        return tally.result(threshold);
    }

    /**
     * Every distinct threshold, from {@link #NO_DETECTION} down to the lowest anomaly score, in that order, each with
     * the score of detecting the rows at or above it; this is how NAB's optimiser sees a corpus.
     */
    public static List<ThresholdScore> sweep(List<ScoredPoint> points, CostProfile profile) {
        ScoredPoint[] scorable = points.stream().filter(p -> !p.probationary()).toArray(ScoredPoint[]::new);
        Arrays.sort(scorable, Comparator.comparingDouble(ScoredPoint::anomalyScore).reversed());
        Tally tally = new Tally(points, profile.fnWeight());
        List<ThresholdScore> scores = new ArrayList<>();
        double threshold = NO_DETECTION;
        for (ScoredPoint point : scorable) {
            if (point.anomalyScore() != threshold) {
                scores.add(tally.result(threshold));
                threshold = point.anomalyScore();
            }
            tally.detect(point);
        }
        scores.add(tally.result(threshold));
        return scores;
    }

    /** The highest-scoring threshold; on a tie the higher threshold wins, as NAB's stable sort leaves it first. */
    public static ThresholdScore best(List<ScoredPoint> points, CostProfile profile) {
        ThresholdScore best = null;
        for (ThresholdScore candidate : sweep(points, profile)) {
            if (best == null || candidate.score() > best.score()) {
                best = candidate;
            }
        }
        return best;
    }

    /**
     * How much each row adds to the score at {@code threshold}, summing to {@link #at}'s score: a detected row
     * outside windows adds its weight; a window's part (-fnWeight if missed, else its earliest detection's reward)
     * is booked on its first scorable row; every other row adds 0. NAB's results files carry this as
     * {@code S(t)_<profile>}.
     */
    public static double[] rowContributions(ScoredPoint[] points, CostProfile profile, double threshold) {
        double[] contributions = new double[points.length];
        Map<Integer, Integer> firstRowOfWindow = new HashMap<>();
        Map<Integer, Double> windowParts = new HashMap<>();
        for (int i = 0; i < points.length; i++) {
            ScoredPoint point = points[i];
            if (point.probationary()) {
                continue;
            }
            boolean detected = point.anomalyScore() >= threshold;
            if (point.inWindow()) {
                firstRowOfWindow.putIfAbsent(point.window(), i);
                double part = windowParts.getOrDefault(point.window(), -profile.fnWeight());
                windowParts.put(point.window(), detected ? Math.max(part, point.weightedScore()) : part);
            } else if (detected) {
                contributions[i] = point.weightedScore();
            }
        }
        firstRowOfWindow.forEach((window, row) -> contributions[row] = windowParts.get(window));
        return contributions;
    }

    /** Running score and counts as rows are detected one by one, highest anomaly score first. */
    private static final class Tally {
        private final Map<Integer, Double> windowParts = new HashMap<>();
        private double windowSum;
        private double falsePositiveSum;
        private int tp;
        private int tn;
        private int fp;
        private int fn;

        /** Every window with a scorable row starts missed, costing fnWeight; every row starts undetected. */
        Tally(List<ScoredPoint> points, double fnWeight) {
            for (ScoredPoint point : points) {
                if (point.probationary()) {
                    continue;
                }
                if (point.inWindow()) {
                    fn++;
                    if (windowParts.putIfAbsent(point.window(), -fnWeight) == null) {
                        windowSum -= fnWeight;
                    }
                } else {
                    tn++;
                }
            }
        }

        void detect(ScoredPoint point) {
            if (point.inWindow()) {
                tp++;
                fn--;
                double part = windowParts.get(point.window());
                if (point.weightedScore() > part) {
                    windowParts.put(point.window(), point.weightedScore());
                    windowSum += point.weightedScore() - part;
                }
            } else {
                fp++;
                tn--;
                falsePositiveSum += point.weightedScore();
            }
        }

        ThresholdScore result(double threshold) {
            return new ThresholdScore(threshold, falsePositiveSum + windowSum, tp, tn, fp, fn);
        }
    }
}
