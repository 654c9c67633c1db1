package dev.selfheal.contracts.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A detector's finding: something in a service departs from what was learned or documented.
 *
 * @param anomalyId  unique id of this finding (also the CloudEvent id)
 * @param capability which of the seven capabilities found it
 * @param service    the affected service
 * @param version    the service version the problem was observed in
 * @param handler    the affected handler
 * @param detectedAt when the detector decided
 * @param score      strength of the finding, higher is stronger; for latency the observed/baseline p95 ratio
 * @param severity   how urgent it is
 * @param summary    one sentence a person can read
 * @param evidence   the figures and example traces behind it
 * @param incidentId the detector's incident this finding opened (a storm of the same problem is one incident);
 *                   optional
 * @param signature  what tells this problem apart from others of the same capability and handler, e.g. an error
 *                   signature, {@code latency}, {@code missing-step:inventory:POST /reservations}; optional
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnomalyDetected(
        String anomalyId,
        Capability capability,
        String service,
        String version,
        String handler,
        Instant detectedAt,
        double score,
        Severity severity,
        String summary,
        Evidence evidence,
        String incidentId,
        String signature) {

    /** A finding outside any incident, without a signature. */
    public AnomalyDetected(String anomalyId, Capability capability, String service, String version, String handler,
            Instant detectedAt, double score, Severity severity, String summary, Evidence evidence) {
        this(anomalyId, capability, service, version, handler, detectedAt, score, severity, summary, evidence, null,
                null);
    }
}
