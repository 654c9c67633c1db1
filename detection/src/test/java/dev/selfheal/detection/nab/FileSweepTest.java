package dev.selfheal.detection.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FileSweepTest {

    private static final CostProfile STANDARD = new CostProfile("standard", 1.0, 0.11, 1.0);
    private static final LocalDateTime T0 = LocalDateTime.of(2015, 1, 1, 0, 0);

    @Test
    void probationIsFifteenPercentCappedAtSevenHundredFiftyRows() {
        assertThat(FileSweep.probationaryLength(4032)).isEqualTo(604);
        assertThat(FileSweep.probationaryLength(1243)).isEqualTo(186);
        assertThat(FileSweep.probationaryLength(15866)).isEqualTo(750, within(1e-9));
    }

    /** 100 rows (15 probationary), one window on rows 40..49. */
    private static DataFile file() {
        List<LocalDateTime> timestamps = IntStream.range(0, 100).mapToObj(T0::plusMinutes).toList();
        return new DataFile("test/file.csv", timestamps, List.of(new AnomalyWindow(T0.plusMinutes(40), T0.plusMinutes(49))));
    }

    private static ThresholdScore scoreWithDetectionsAt(int... rows) {
        double[] scores = new double[100];
        for (int row : rows) {
            scores[row] = 1.0;
        }
        return ThresholdSweep.at(Arrays.asList(FileSweep.points(file(), scores, STANDARD, 0)), STANDARD, 0.5);
    }

    @Test
    void onlyTheEarliestDetectionInAWindowCounts() {
        double early = scoreWithDetectionsAt(40).score();
        assertThat(early).isCloseTo(1.0, within(1e-12));
        assertThat(scoreWithDetectionsAt(40, 45, 49).score()).isEqualTo(early);
        assertThat(scoreWithDetectionsAt(49).score()).isCloseTo(ScaledSigmoid.of(-0.1) / ScaledSigmoid.MAX_TRUE_POSITIVE, within(1e-12));
        assertThat(scoreWithDetectionsAt(40, 45, 49).tp()).isEqualTo(3);
    }

    @Test
    void aMissedWindowCostsFnWeightAndFalsePositivesDependOnThePrecedingWindow() {
        assertThat(scoreWithDetectionsAt().score()).isEqualTo(-1.0);
        assertThat(scoreWithDetectionsAt(20).score()).isCloseTo(-1.0 - 0.11, within(1e-12));
        double justAfter = scoreWithDetectionsAt(40, 50).score() - 1.0;
        double farAfter = scoreWithDetectionsAt(40, 90).score() - 1.0;
        assertThat(justAfter).isCloseTo(0.11 * ScaledSigmoid.of(1.0 / 9), within(1e-12));
        assertThat(farAfter).isCloseTo(-0.11, within(1e-12));
    }

    @Test
    void detectionsInTheProbationaryPeriodAreIgnored() {
        ThresholdScore score = scoreWithDetectionsAt(0, 14);
        assertThat(score.score()).isEqualTo(-1.0);
        assertThat(score.fp() + score.tn() + score.tp() + score.fn()).isEqualTo(85);
    }
}
