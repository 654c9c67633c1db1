/**
 * The Numenta Anomaly Benchmark (NAB v1.1) scored the way NAB's own Python scorer scores it: anomaly windows,
 * probationary period, scaled sigmoid, cost profiles, a corpus-wide threshold sweep and normalisation between the
 * null and the perfect detector. Written from NAB's rules (its {@code sweeper.py}, {@code runner.py}), not ported
 * line by line; checked against NAB's published per-file score tables.
 */
package dev.selfheal.detection.nab;
