package dev.selfheal.detection.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Scores a detector's output on a NAB corpus as NAB's runner does: one threshold for the whole corpus, chosen by
 * sweeping every threshold over all files' rows together and keeping the best summed raw score, then each file
 * scored at that threshold.
 */
public final class NabScorer {

    private final NabCorpus corpus;

    public NabScorer(NabCorpus corpus) {
        this.corpus = corpus;
    }

    /** Each file's score at {@code threshold}, in corpus order. */
    public List<FileScore> scoreFiles(DetectorResults results, CostProfile profile, double threshold) {
        List<FileScore> scores = new ArrayList<>();
        for (DataFile file : corpus.files()) {
            List<ScoredPoint> points = Arrays.asList(FileSweep.points(file, results.scoresOf(file), profile, 0));
            ThresholdScore score = ThresholdSweep.at(points, profile, threshold);
            scores.add(new FileScore(file.path(), threshold, score.score(), score.tp(), score.tn(), score.fp(),
                    score.fn(), file.length()));
        }
        return scores;
    }

    /** NAB's optimiser: the best threshold for the corpus's files (those {@code include} accepts) taken together. */
    public ThresholdScore optimise(DetectorResults results, CostProfile profile, Predicate<DataFile> include) {
        return ThresholdSweep.best(corpusPoints(profile, include, file -> results.scoresOf(file)), profile);
    }

    /** Every threshold's summed score over the corpus's files, as the optimiser weighs them. */
    public List<ThresholdScore> sweep(DetectorResults results, CostProfile profile) {
        return ThresholdSweep.sweep(corpusPoints(profile, file -> true, file -> results.scoresOf(file)), profile);
    }

    /**
     * The null detector's raw score over the files {@code include} accepts: it gives every row the same anomaly
     * score, so its best threshold is the one that detects nothing and it loses fnWeight per window. Computed by
     * sweeping a constant detector, the way NAB's null detector is scored, not by that shortcut.
     */
    public double nullScore(CostProfile profile, Predicate<DataFile> include) {
        return ThresholdSweep.best(corpusPoints(profile, include, file -> new double[file.length()]), profile).score();
    }

    /** The perfect detector's raw score: tpWeight for every labelled window, NAB's normalisation ceiling. */
    public double perfectScore(CostProfile profile, Predicate<DataFile> include) {
        return profile.tpWeight() * corpus.files().stream().filter(include).mapToInt(f -> f.windows().size()).sum();
    }

    private List<ScoredPoint> corpusPoints(CostProfile profile, Predicate<DataFile> include,
                                           Function<DataFile, double[]> scores) {
        List<ScoredPoint> points = new ArrayList<>();
        int nextWindowId = 0;
        for (DataFile file : corpus.files()) {
            if (include.test(file)) {
                points.addAll(Arrays.asList(FileSweep.points(file, scores.apply(file), profile, nextWindowId)));
                nextWindowId += file.windows().size();
            }
        }
        return points;
    }
}
