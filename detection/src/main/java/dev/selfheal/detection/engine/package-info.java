/**
 * The detection engine: runs the seven detectors over telemetry events in event time, assembles traces and
 * multi-part documents, applies feedback, and snapshots its state. Plain Java, no framework; detector-service
 * feeds it from Kafka and persists its snapshots.
 */
package dev.selfheal.detection.engine;
