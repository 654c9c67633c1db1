package dev.selfheal.detection.nab;

/** One row of NAB's {@code <detector>_<profile>_scores.csv}: a file's raw score and row counts at a threshold. */
public record FileScore(String path, double threshold, double score, int tp, int tn, int fp, int fn, int totalCount) {
}
