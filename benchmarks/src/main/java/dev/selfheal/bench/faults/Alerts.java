package dev.selfheal.bench.faults;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.detection.engine.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups findings into alerts the way detector-service groups them into incidents: the findings of one
 * fingerprint join its open alert until none came for the resolve time (event time); the next one opens a new
 * alert. An alert is what a person is told: an announced incident.
 */
final class Alerts {

    /** An announced incident: what it is about and when (event time) it was first and last seen. */
    record Alert(Capability capability, String service, String handler, String signature, Instant firstSeen,
            Instant lastSeen, int findings, String summary) {
    }

    private final Duration resolveAfter;
    private final List<Alert> alerts = new ArrayList<>();
    private final Map<String, Integer> open = new HashMap<>();

    Alerts(Duration resolveAfter) {
        this.resolveAfter = resolveAfter;
    }

    static List<Alert> of(List<Finding> findings, Duration resolveAfter) {
        Alerts grouping = new Alerts(resolveAfter);
        findings.forEach(grouping::add);
        return grouping.alerts;
    }

    private void add(Finding finding) {
        Integer index = open.get(finding.fingerprint());
        if (index != null) {
            Alert current = alerts.get(index);
            if (!finding.detectedAt().isAfter(current.lastSeen().plus(resolveAfter))) {
                Instant last = finding.detectedAt().isAfter(current.lastSeen()) ? finding.detectedAt() : current.lastSeen();
                alerts.set(index, new Alert(current.capability(), current.service(), current.handler(),
                        current.signature(), current.firstSeen(), last, current.findings() + 1, current.summary()));
                return;
            }
        }
        open.put(finding.fingerprint(), alerts.size());
        alerts.add(new Alert(finding.capability(), finding.service(), finding.handler(), finding.signature(),
                finding.detectedAt(), finding.detectedAt(), 1, finding.summary()));
    }
}
