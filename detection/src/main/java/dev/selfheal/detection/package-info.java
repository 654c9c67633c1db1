/**
 * Streaming anomaly detection for metric series, plain Java with no framework. The detectors will live here; the
 * {@link dev.selfheal.detection.nab} package holds the benchmark they are scored on.
 */
package dev.selfheal.detection;
