package dev.selfheal.detection.series;

/**
 * Selfheal's streaming anomaly detector for one metric series: it sees one value at a time and returns an anomaly
 * score in [0, 1] for it, using only the values before it (causal, no look-ahead). Deterministic: there is no
 * randomness at all, so the same series always gets the same scores.
 *
 * <p>Three parts, each cheap per point:
 * <ol>
 *   <li>the first {@code learningPeriod} values are only learned from: their range sizes the value bins (a fixed
 *       width from then on), then they are replayed into the models below; their scores are 0;</li>
 *   <li>a raw score, the mean {@link SequenceSurprise} of two sequence models: the value's bin after the previous
 *       {@code order} bins, and its coarse bin after the previous {@code coarseOrder} coarse bins (levels vs.
 *       shape), and of the coarse bin among the values seen at the same hour of the day (daily patterns);</li>
 *   <li>the {@link AnomalyLikelihood} of the raw scores, which is the output, except that a value beyond the range
 *       seen so far by more than {@code spatialTolerance} of the learned range scores 1 at once (a new extreme
 *       needs no statistics to be news).</li>
 * </ol>
 */
public final class SeriesDetector {

    private final DetectorConfig config;
    private final double[] learning;
    private final SequenceSurprise sequence;
    private final SequenceSurprise coarse;
    /** One order-0 model (the coarse bins' frequencies) per UTC hour of the day. */
    private final SequenceSurprise[] byHour = new SequenceSurprise[24];
    private final long[] learningTimes;
    private long time;
    private final AnomalyLikelihood likelihood;
    private int seen;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double origin;
    private double binWidth;
    private double learnedRange;

    public SeriesDetector(DetectorConfig config) {
        this.config = config;
        this.learning = new double[config.learningPeriod()];
        this.learningTimes = new long[config.learningPeriod()];
        this.sequence = new SequenceSurprise(config.order());
        this.coarse = new SequenceSurprise(config.coarseOrder());
        this.likelihood = new AnomalyLikelihood(config.learningPeriod() / 2, config.historyWindow(), config.shortWindow(),
                config.reestimationPeriod());
    }

    /**
     * Scores the next point of the series: its time (epoch seconds, UTC; only the hour of the day is used) and value.
     * Points are expected in time order; their spacing is not used otherwise.
     */
    public double score(long epochSecond, double value) {
        time = epochSecond;
        if (seen < learning.length) {
            learningTimes[seen] = epochSecond;
        }
        return scoreValue(value);
    }

    private double scoreValue(double value) {
        if (!Double.isFinite(value)) {
            return 0;
        }
        if (seen < learning.length) {
            learning[seen++] = value;
            min = Math.min(min, value);
            max = Math.max(max, value);
            if (seen == learning.length) {
                fixBins();
                for (int i = 0; i < learning.length; i++) {
                    time = learningTimes[i];
                    likelihood.update(raw(learning[i]));
                }
            }
            return 0;
        }
        seen++;
        double tolerance = config.spatialTolerance() * learnedRange;
        boolean newExtreme = value > max + tolerance || value < min - tolerance;
        min = Math.min(min, value);
        max = Math.max(max, value);
        double score = likelihood.update(raw(value));
        return newExtreme ? 1 : score;
    }

    private void fixBins() {
        learnedRange = max - min;
        double scale = Math.max(Math.abs(max), Math.abs(min));
        if (learnedRange <= 1e-9 * Math.max(1, scale)) {
            learnedRange = Math.max(1e-6, 0.01 * scale);
        }
        origin = min;
        binWidth = learnedRange / config.bins();
    }

    /**
     * The raw score: the mean surprise of the fine (short context) and coarse (longer context) sequence models and of
     * the coarse bin at this hour of the day (a daily pattern broken inside the usual range: a lower peak, a flat day).
     */
    private double raw(double value) {
        long bin = bin(value);
        long coarseBin = Math.floorDiv(bin, config.coarseFactor());
        int hour = (int) Math.floorMod(Math.floorDiv(time, 3600), 24);
        if (byHour[hour] == null) {
            byHour[hour] = new SequenceSurprise(0);
        }
        return (sequence.update(bin) + coarse.update(coarseBin) + byHour[hour].update(coarseBin)) / 3;
    }

    private long bin(double value) {
        return (long) Math.floor((value - origin) / binWidth);
    }
}
