package dev.selfheal.detection.series;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SeriesDetectorTest {

    private static final int LEARNING = 300;
    /** 2015-01-01T00:00:00Z; points are 5 minutes apart, as in most NAB files. */
    private static final long START = 1_420_070_400L;

    /** Gaussian noise around 10 (sd 1) from a fixed seed, so the test data are the same on every run. */
    private static double[] noisy(int length, long seed) {
        Random random = new Random(seed);
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = 10 + random.nextGaussian();
        }
        return values;
    }

    private static double[] periodic(int length) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = 50 + 20 * Math.sin(2 * Math.PI * i / 288);
        }
        return values;
    }

    private static double[] scores(double[] values) {
        SeriesDetector detector = new SeriesDetector(DetectorConfig.defaults(LEARNING));
        double[] scores = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            scores[i] = detector.score(START + 300L * i, values[i]);
        }
        return scores;
    }

    @Test
    void aSpikeInANoisySeriesScoresHigh() {
        double[] values = noisy(2000, 7);
        values[1500] = 25;
        double[] scores = scores(values);
        assertThat(scores[1500]).isGreaterThanOrEqualTo(0.9);
        assertThat(Arrays.stream(scores, 1400, 1500).max().getAsDouble()).isLessThan(0.5);
    }

    @Test
    void aBreakInAPeriodicPatternInsideTheRangeScoresHigh() {
        double[] values = periodic(3000);
        for (int i = 2016; i < 2304; i++) {
            values[i] = 50;
        }
        double[] scores = scores(values);
        assertThat(Arrays.stream(scores, 2016, 2304).max().getAsDouble()).isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void aSteadyPeriodicSeriesScoresLow() {
        double[] scores = scores(periodic(3000));
        assertThat(Arrays.stream(scores, 0, LEARNING)).containsOnly(0.0);
        assertThat(Arrays.stream(scores, LEARNING, scores.length).max().getAsDouble()).isLessThan(0.5);
    }

    @Test
    void aNoisyStationarySeriesScoresMostlyLow() {
        double[] scores = scores(noisy(3000, 11));
        long high = Arrays.stream(scores).filter(s -> s >= 0.5).count();
        assertThat(high).isLessThanOrEqualTo(3);
    }

    @Test
    void theSameSeriesGetsTheSameScores() {
        double[] values = noisy(2000, 3);
        assertThat(scores(values)).containsExactly(scores(values.clone()));
    }

    @Test
    void aPointsScoreDoesNotChangeWhenLaterPointsAreAppended() {
        double[] longer = noisy(2500, 5);
        longer[2100] = 30;
        double[] prefix = Arrays.copyOf(longer, 1800);
        assertThat(Arrays.copyOf(scores(longer), prefix.length)).containsExactly(scores(prefix));
    }

    @Test
    void scoresStayInTheUnitInterval() {
        double[] values = noisy(2000, 13);
        for (int i = 500; i < 2000; i += 97) {
            values[i] = i % 2 == 0 ? 1e6 : -1e6;
        }
        assertThat(Arrays.stream(scores(values)).boxed()).allSatisfy(s -> assertThat(s).isBetween(0.0, 1.0));
    }
}
