package dev.selfheal.detection.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The flow model on ../shared/datasets/loglizer-hdfs (next to the repository root, as for the NAB tests). The floors
 * sit just below the measured figures so that a regression fails; see docs/benchmarks.md.
 */
class HdfsEvaluationTest {

    private static List<HdfsSession> sessions;

    @BeforeAll
    static void load() {
        Path repository = Path.of(System.getProperty("selfheal.root", "..")).toAbsolutePath();
        sessions = HdfsSessions.load(repository.resolveSibling("shared").resolve("datasets").resolve("loglizer-hdfs"));
    }

    @Test
    void theSplitsAreThoseOfSourceMd() {
        assertThat(sessions).hasSize(7940);
        assertThat(sessions.stream().filter(s -> s.inTrain() && !s.anomalous()).count()).isEqualTo(6096);
        assertThat(sessions.stream().filter(s -> s.inTrain() && s.anomalous()).count()).isEqualTo(256);
        assertThat(sessions.stream().filter(s -> !s.inTrain() && !s.anomalous()).count()).isEqualTo(1531);
        assertThat(sessions.stream().filter(s -> !s.inTrain() && s.anomalous()).count()).isEqualTo(57);
        assertThat(sessions.stream().filter(HdfsSession::inNormalTrain))
                .allMatch(s -> s.inTrain() && !s.anomalous()).hasSize(6096);
    }

    @Test
    void unsupervisedOnTheContaminatedTrainingSplit() {
        HdfsResult result = HdfsEvaluation.evaluate(sessions, "unsupervised", HdfsSession::inTrain);

        // measured: TP 30, FP 1, FN 27, TN 1530; F1 0.6818, median delay 4 events
        assertThat(result.counts().f1()).isGreaterThan(0.68);
        assertThat(result.counts().precision()).isGreaterThan(0.96);
        assertThat(result.medianDelay()).isLessThanOrEqualTo(4.0);
    }

    @Test
    void semiSupervisedOnTheNormalTrainingSessions() {
        HdfsResult result = HdfsEvaluation.evaluate(sessions, "semi-supervised", HdfsSession::inNormalTrain);

        assertThat(result.counts().f1()).isGreaterThan(0.68);
    }

    @Test
    void noSequenceOnlyDetectorCanReachTheTargetOnThisSubset() {
        SequenceCeiling ceiling = SequenceCeiling.of(sessions.stream().filter(s -> !s.inTrain()).toList());

        assertThat(ceiling.sharedWithNormal()).isEqualTo(26);
        assertThat(ceiling.bestF1().f1()).isLessThan(0.97).isGreaterThan(0.71);
    }
}
