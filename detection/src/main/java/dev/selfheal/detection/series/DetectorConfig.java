package dev.selfheal.detection.series;

/**
 * The one configuration of {@link SeriesDetector}, the same for every series.
 *
 * @param learningPeriod     points used only to learn: the value range that sizes the bins is taken from them, and
 *                           their scores are 0 (NAB's probationary period plays this role)
 * @param bins               bins across the learned value range; values outside it get bins of the same width
 * @param order              how many previous bins form the context of the sequence model
 * @param historyWindow      averaged raw scores the likelihood's distribution is fitted to
 * @param shortWindow        raw scores averaged into the likelihood's short-term mean
 * @param reestimationPeriod points between refits of the likelihood's distribution
 * @param spatialTolerance   share of the learned range a value may exceed the seen minimum/maximum by before it is
 *                           flagged at once, whatever the likelihood says
 */
public record DetectorConfig(int learningPeriod, int bins, int order, int historyWindow, int shortWindow,
                             int reestimationPeriod, double spatialTolerance) {

    public DetectorConfig {
        if (learningPeriod < 2 || bins < 2 || order < 0 || historyWindow < 1 || shortWindow < 1 || reestimationPeriod < 1) {
            throw new IllegalArgumentException("invalid detector configuration");
        }
    }

    /** Defaults for a given learning period (on NAB: the file's probationary period). */
    public static DetectorConfig defaults(int learningPeriod) {
        return new DetectorConfig(learningPeriod, 30, 2, 8640, 10, 100, 0.05);
    }
}
