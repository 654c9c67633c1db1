package dev.selfheal.detector.anomaly;

import dev.selfheal.contracts.v1.AnomalyDetected;
import dev.selfheal.contracts.v1.Evidence;
import java.time.Instant;

/** Maps the stored anomaly to its REST view and to its event. */
public final class AnomalyMapper {

    private AnomalyMapper() {
    }

    public static AnomalyView toView(Anomaly a, Instant now) {
        return new AnomalyView(a.id, a.capability, a.service, a.handler, a.version, a.detectedAt, a.lastConfirmedAt,
                a.confirmations, a.openUntil, a.isOpen(now), a.score, a.severity, a.summary,
                new EvidenceView(a.figures, a.details, a.exampleTraceIds), a.publishedAt, a.incidentId, a.signature);
    }

    public static AnomalyDetected toEvent(Anomaly a) {
        return new AnomalyDetected(a.id, a.capability, a.service, a.version, a.handler, a.detectedAt, a.score,
                a.severity, a.summary, new Evidence(a.figures, a.details, a.exampleTraceIds), a.incidentId, a.signature);
    }
}
