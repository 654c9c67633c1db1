package dev.selfheal.detection.flow;

import java.util.Map;

/**
 * The outcome of one evaluation setting on the HDFS test split.
 *
 * @param setting         what the model learnt from
 * @param learnt          the learnt model
 * @param counts          test-set detection counts
 * @param medianDelay     median, over detected anomalous sessions, of the steps into the session at which the first
 *                        violation was observable
 * @param medianLength    median length of those same sessions, for scale
 * @param firstReasons    how often each kind was the first violation of a detected anomalous session
 */
public record HdfsResult(String setting, FlowModel learnt, DetectionCounts counts, double medianDelay,
        double medianLength, Map<ViolationKind, Integer> firstReasons) {
}
