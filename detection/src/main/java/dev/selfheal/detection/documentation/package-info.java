/**
 * The DOCUMENTATION detector: observed behaviour that contradicts a service's API document (undocumented and never
 * seen operations, latency budgets) or its documented flows; see
 * {@link dev.selfheal.detection.documentation.DocumentationDetector}.
 */
package dev.selfheal.detection.documentation;
