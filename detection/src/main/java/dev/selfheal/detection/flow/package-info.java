/**
 * The BEHAVIORAL capability's flow model: learns, without labels, what the ordered steps of a session (the handlers of
 * a trace, or the log templates of a session id) normally look like, and judges a completed session against it with
 * reasons. {@link dev.selfheal.detection.flow.FlowLearner} learns, {@link dev.selfheal.detection.flow.FlowModel}
 * judges; {@link dev.selfheal.detection.flow.HdfsEvaluation} scores it on HDFS block sessions.
 */
package dev.selfheal.detection.flow;
