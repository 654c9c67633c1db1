package dev.selfheal.detection.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scorer against NAB's own output: given numenta's and windowedGaussian's anomaly scores at the threshold NAB
 * chose, every file of the categories in this copy must get NAB's published Score, TP, TN, FP, FN and Total_Count,
 * for every profile. The scores in NAB's tables are printed to 12 significant digits, hence the tolerance.
 */
class NabReproductionTest {

    private static final double ROUNDING = 1e-9;

    static Stream<Arguments> detectorsAndProfiles() {
        return Stream.of("numenta", "windowedGaussian").flatMap(detector -> Stream.of(
                CostProfile.STANDARD, CostProfile.LOW_FP, CostProfile.LOW_FN).map(profile -> Arguments.of(detector, profile)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("detectorsAndProfiles")
    void reproducesNabsPerFileScoresAtNabsThreshold(String detector, String profileName) {
        NabCorpus corpus = NabDataset.corpus();
        DetectorResults results = DetectorResults.load(NabDataset.root().resolve("results").resolve(detector), corpus);
        double threshold = NabDataset.publishedThreshold(detector, profileName);
        Map<String, FileScore> published = NabDataset.publishedScores(detector, profileName);

        List<FileScore> ours = new NabScorer(corpus).scoreFiles(results, NabDataset.profile(profileName), threshold);

        assertThat(ours).hasSize(34);
        for (FileScore score : ours) {
            FileScore nab = published.get(score.path());
            assertThat(nab).as("NAB row for %s", score.path()).isNotNull();
            assertThat(nab.threshold()).as("%s threshold", score.path()).isCloseTo(threshold, within(ROUNDING));
            assertThat(score.score()).as("%s score", score.path()).isCloseTo(nab.score(), within(ROUNDING));
            assertThat(List.of(score.tp(), score.tn(), score.fp(), score.fn(), score.totalCount()))
                    .as("%s TP, TN, FP, FN, Total_Count", score.path())
                    .containsExactly(nab.tp(), nab.tn(), nab.fp(), nab.fn(), nab.totalCount());
        }
    }

    /** NAB's per-row {@code S(t)_<profile>} column: what each row adds to the file's score at NAB's threshold. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("detectorsAndProfiles")
    void reproducesNabsPerRowScoreColumn(String detector, String profileName) {
        NabCorpus corpus = NabDataset.corpus();
        DetectorResults results = DetectorResults.load(NabDataset.root().resolve("results").resolve(detector), corpus);
        CostProfile profile = NabDataset.profile(profileName);
        double threshold = NabDataset.publishedThreshold(detector, profileName);
        int rows = 0;
        for (DataFile file : corpus.files()) {
            double[] published = NabDataset.publishedRowScores(detector, file, profileName);
            double[] ours = ThresholdSweep.rowContributions(
                    FileSweep.points(file, results.scoresOf(file), profile, 0), profile, threshold);
            assertThat(ours).as("%s S(t)_%s", file.path(), profileName).hasSameSizeAs(published);
            for (int i = 0; i < ours.length; i++) {
                assertThat(ours[i]).as("%s row %d S(t)_%s", file.path(), i, profileName)
                        .isCloseTo(published[i], within(ROUNDING));
            }
            rows += ours.length;
        }
        assertThat(rows).isEqualTo(corpus.files().stream().mapToInt(DataFile::length).sum());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("detectorsAndProfiles")
    void sweepAgreesWithPerFileScoresAndFindsAtLeastNabsSubsetTotal(String detector, String profileName) {
        NabCorpus corpus = NabDataset.corpus();
        DetectorResults results = DetectorResults.load(NabDataset.root().resolve("results").resolve(detector), corpus);
        CostProfile profile = NabDataset.profile(profileName);
        double threshold = NabDataset.publishedThreshold(detector, profileName);
        Map<String, FileScore> published = NabDataset.publishedScores(detector, profileName);
        double nabSubsetTotal = corpus.files().stream().mapToDouble(f -> published.get(f.path()).score()).sum();
        NabScorer scorer = new NabScorer(corpus);

        List<ThresholdScore> sweep = scorer.sweep(results, profile);
        ThresholdScore atNabThreshold = sweep.stream().filter(s -> s.threshold() >= threshold)
                .reduce((higher, lower) -> lower).orElseThrow();
        ThresholdScore best = scorer.optimise(results, profile, file -> true);

        assertThat(atNabThreshold.score()).as("sweep at NAB's threshold").isCloseTo(nabSubsetTotal, within(1e-7));
        assertThat(best.score()).as("best threshold found").isGreaterThanOrEqualTo(nabSubsetTotal - 1e-7);
        double bestSummedPerFile = scorer.scoreFiles(results, profile, best.threshold()).stream()
                .mapToDouble(FileScore::score).sum();
        assertThat(best.score()).as("sweep's best against per-file scoring").isCloseTo(bestSummedPerFile, within(1e-7));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("detectorsAndProfiles")
    void nullBaselineMatchesNabsNullDetectorOnTheseFiles(String ignored, String profileName) {
        NabCorpus corpus = NabDataset.corpus();
        Map<String, FileScore> published = NabDataset.publishedScores("null", profileName);
        double nabNull = corpus.files().stream().mapToDouble(f -> published.get(f.path()).score()).sum();

        assertThat(new NabScorer(corpus).nullScore(NabDataset.profile(profileName), file -> true))
                .isCloseTo(nabNull, within(ROUNDING));
    }

    /**
     * The labels of the held-back categories are not in this copy, so the full corpus's null score comes from NAB's
     * null score table, and its window count (the perfect score's) from that: the null detector misses every window.
     */
    @Test
    void normalisationGivesNabsPublishedFinalScoresFromItsFullCorpusRawScores() {
        for (String detector : List.of("numenta", "windowedGaussian")) {
            for (CostProfile profile : NabDataset.corpus().profiles()) {
                double nullScore = NabDataset.publishedRawTotal("null", profile.name());
                double windows = -nullScore / profile.fnWeight();
                assertThat(windows).isEqualTo(116);
                Normalisation normalisation = new Normalisation(nullScore, profile.tpWeight() * windows);
                double published = NabDataset.publishedFinalScore(detector, profile.name());
                assertThat(normalisation.normalise(NabDataset.publishedRawTotal(detector, profile.name())))
                        .as("%s %s", detector, profile.name()).isCloseTo(published, within(0.005));
            }
        }
    }
}
