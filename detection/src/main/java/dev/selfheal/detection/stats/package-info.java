/**
 * Statistics shared by the streaming detectors: the latency-shift test and tracker, the failure-rate test and
 * tracker, seasonal baselines, a bounded LRU map for per-key state, the t-digest codec for snapshots, and the gate
 * that spaces out repeated findings. Plain Java on t-digest and Commons Math.
 */
package dev.selfheal.detection.stats;
