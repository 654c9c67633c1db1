package dev.selfheal.detection.flow;

import java.util.List;

/**
 * One HDFS block session of {@code HDFS_100k_block_sessions.csv}: the block's log templates in log order, its label,
 * and where the two deep-loglizer splits put it.
 *
 * @param inTrain       in the training part of the hdfs_1.0 split (normal and anomalous blocks)
 * @param inNormalTrain in the training part of the hdfs_0.0 split (the same blocks, anomalous ones removed)
 */
public record HdfsSession(String blockId, boolean anomalous, boolean inTrain, boolean inNormalTrain,
        List<String> events) {

    public HdfsSession {
        events = List.copyOf(events);
    }
}
