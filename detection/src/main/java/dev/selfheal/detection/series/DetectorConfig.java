package dev.selfheal.detection.series;

/**
 * The one configuration of {@link SeriesDetector}, the same for every series.
 *
 * @param learningPeriod     points used only to learn: the value range that sizes the bins is taken from them, and
 *                           their scores are 0 (NAB's probationary period plays this role)
 * @param bins               bins across the learned value range; values outside it get bins of the same width
 * @param order              how many previous bins form the context of the fine sequence model
 * @param coarseFactor       fine bins per bin of the coarse sequence model, which looks further back at the shape
 *                           rather than the exact level (a 5 makes 6 coarse bins across the learned range)
 * @param coarseOrder        how many previous coarse bins form its context
 * @param historyWindow      averaged raw scores the likelihood's distribution is fitted to
 * @param shortWindow        raw scores averaged into the likelihood's short-term mean
 * @param reestimationPeriod points between refits of the likelihood's distribution
 * @param spatialTolerance   share of the learned range a value may exceed the seen minimum/maximum by before it is
 *                           flagged at once, whatever the likelihood says
 */
public record DetectorConfig(int learningPeriod, int bins, int order, int coarseFactor, int coarseOrder, int historyWindow, int shortWindow,
                             int reestimationPeriod, double spatialTolerance) {

    public DetectorConfig {
        if (learningPeriod < 2 || bins < 2 || order < 0 || coarseFactor < 1 || coarseOrder < 0 || historyWindow < 1 || shortWindow < 1 || reestimationPeriod < 1) {
            throw new IllegalArgumentException("invalid detector configuration");
        }
    }

    /**
     * Defaults for a given learning period (on NAB: the file's probationary period). Chosen by measuring on the five
     * NAB categories of this copy (see detection/README.md), so they are fitted to those files to some degree.
     */
    public static DetectorConfig defaults(int learningPeriod) {
        return new DetectorConfig(learningPeriod, 30, 2, 5, 4, 8640, 10, 100, 0.05);
    }
}
