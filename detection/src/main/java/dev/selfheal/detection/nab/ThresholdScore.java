package dev.selfheal.detection.nab;

/**
 * The outcome of calling every scorable row with an anomaly score at or above {@code threshold} a detection.
 * The counts are NAB's: rows, not windows (tp = detected rows inside windows, fn = undetected ones, fp and tn the
 * same outside windows), over the rows after the probationary period.
 */
public record ThresholdScore(double threshold, double score, int tp, int tn, int fp, int fn) {
}
