/**
 * The COVERAGE detector: handlers called in production that no test of the service's JaCoCo report covers, ranked
 * by traffic; see {@link dev.selfheal.detection.coverage.CoverageDetector}.
 */
package dev.selfheal.detection.coverage;
