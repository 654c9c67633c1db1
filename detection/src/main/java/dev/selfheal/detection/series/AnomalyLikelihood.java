package dev.selfheal.detection.series;

import org.apache.commons.math3.special.Erf;

/**
 * Turns a stream of raw anomaly scores into an anomaly likelihood, after Numenta's "anomaly likelihood" (Ahmad et
 * al., 2017, <i>Unsupervised real-time anomaly detection for streaming data</i>): the short-term mean of the raw
 * scores is compared with a normal distribution fitted to the long-term moving averages of the raw scores, and the
 * likelihood is one minus the upper-tail probability. A detector whose raw score is noisy (often high on a noisy
 * series) gets a low likelihood for it; a change in how surprised it is gets a high one. The output is the
 * log-scaled likelihood, which spreads the interesting range (0.999..0.9999999999) over [0, 1].
 *
 * <p>Why the filter: once the likelihood has been in the red zone, the next points are capped at the yellow zone, so
 * one event is reported once (NAB counts only a window's first detection; false positives each cost).
 */
final class AnomalyLikelihood {

    private static final double RED_ZONE = 1 - 1e-5;
    private static final double YELLOW_ZONE = 1 - 1e-3;
    private static final double MIN_MEAN = 0.03;
    private static final double MIN_VARIANCE = 3e-4;

    private final int learningPeriod;
    private final int reestimationPeriod;
    private final int shortWindow;
    private final double[] rawRing;
    private final double[] averagedHistory;
    private int seen;
    private int stored;
    private double rawSum;
    private double mean = Double.NaN;
    private double stdev = Double.NaN;
    private double previousLikelihood;

    /**
     * @param learningPeriod     raw scores before any likelihood is given (the raw detector is still learning)
     * @param historyWindow      how many averaged scores the distribution is fitted to
     * @param shortWindow        points in the moving average of raw scores
     * @param reestimationPeriod how often the distribution is refitted (points)
     */
    AnomalyLikelihood(int learningPeriod, int historyWindow, int shortWindow, int reestimationPeriod) {
        this.learningPeriod = learningPeriod;
        this.reestimationPeriod = reestimationPeriod;
        this.shortWindow = shortWindow;
        this.rawRing = new double[shortWindow];
        this.averagedHistory = new double[historyWindow];
    }

    /** Feeds the next raw score in [0, 1]; returns the log-scaled likelihood in [0, 1]. */
    double update(double raw) {
        int slot = seen % shortWindow;
        rawSum += raw - rawRing[slot];
        rawRing[slot] = raw;
        double average = rawSum / Math.min(seen + 1, shortWindow);
        seen++;
        if (seen <= learningPeriod) {
            return logScale(0.5);
        }
        averagedHistory[stored % averagedHistory.length] = average;
        stored++;
        if (Double.isNaN(mean) || stored % reestimationPeriod == 0) {
            estimate();
        }
        double likelihood = 1 - upperTail(average);
        if (previousLikelihood >= RED_ZONE && likelihood >= RED_ZONE) {
            previousLikelihood = likelihood;
            return logScale(YELLOW_ZONE);
        }
        previousLikelihood = likelihood;
        return logScale(likelihood);
    }

    private void estimate() {
        int n = Math.min(stored, averagedHistory.length);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += averagedHistory[i];
        }
        double m = sum / n;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double d = averagedHistory[i] - m;
            squares += d * d;
        }
        mean = Math.max(m, MIN_MEAN);
        stdev = Math.sqrt(Math.max(squares / n, MIN_VARIANCE));
    }

    private double upperTail(double x) {
        double z = (x - mean) / stdev;
        if (z < 0) {
            return 1 - 0.5 * Erf.erfc(-z / Math.sqrt(2));
        }
        return 0.5 * Erf.erfc(z / Math.sqrt(2));
    }

    /** log(1 - L) scaled so that L = 1 - 1e-10 maps to 1: L = 0.99999 gives 0.5. */
    static double logScale(double likelihood) {
        return Math.min(1, Math.max(0, Math.log(1.0000000001 - likelihood) / Math.log(1e-10)));
    }
}
