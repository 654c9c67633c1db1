/**
 * The BEHAVIORAL detector: traces whose flow (ordered handlers) departs from the flows learnt per entry step, or from
 * the documented ones. It learns with {@link dev.selfheal.detection.flow.FlowModel} on bounded, decayed variant
 * counts; see {@link dev.selfheal.detection.behaviour.BehaviourDetector}.
 */
package dev.selfheal.detection.behaviour;
