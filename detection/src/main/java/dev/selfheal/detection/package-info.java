/**
 * Streaming anomaly detection, plain Java with no framework. {@link dev.selfheal.detection.flow} holds the BEHAVIORAL
 * capability's flow model; {@link dev.selfheal.detection.nab} the benchmark the metric detectors are scored on.
 */
package dev.selfheal.detection;
