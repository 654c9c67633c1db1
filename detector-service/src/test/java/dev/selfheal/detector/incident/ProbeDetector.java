package dev.selfheal.detector.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.Severity;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.detection.engine.Detector;
import dev.selfheal.detection.engine.Feedback;
import dev.selfheal.detection.engine.Finding;
import dev.selfheal.detection.engine.Findings;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A detector contributed by the tests (as any CDI bean implementing Detector is): it raises exactly the finding a
 * span named {@code PROBE ...} describes in its attributes, so that the incident layer is tested on findings the
 * test chooses. Spans with other names are ignored, so the real detectors' tests are unaffected.
 */
@ApplicationScoped
public class ProbeDetector implements Detector {

    static final String PREFIX = "PROBE ";

    private final List<Feedback> feedback = new ArrayList<>();

    /** The verdicts received (a method: the test holds a client proxy, whose fields are not the bean's). */
    public List<Feedback> received() {
        synchronized (feedback) {
            return List.copyOf(feedback);
        }
    }

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public void onSpan(SpanRecorded span, Findings out) {
        if (!span.handler().startsWith(PREFIX)) {
            return;
        }
        Map<String, String> a = span.attributes();
        out.raise(new Finding(Capability.valueOf(a.getOrDefault("probe.capability", "ERROR")), span.service(),
                span.version(), span.handler(), a.getOrDefault("probe.signature", "probe"),
                Double.parseDouble(a.getOrDefault("probe.score", "1")),
                Severity.valueOf(a.getOrDefault("probe.severity", "MEDIUM")),
                "probe finding in " + span.handler() + " of " + span.service(), span.start(), span.start(),
                Map.of("probe.score", Double.parseDouble(a.getOrDefault("probe.score", "1"))),
                Map.of("observed.version", span.version()), List.of(span.traceId())));
    }

    @Override
    public void feedback(Feedback given) {
        synchronized (feedback) {
            feedback.add(given);
        }
    }

    @Override
    public JsonNode snapshot(ObjectMapper mapper) {
        return null;
    }

    @Override
    public void restore(JsonNode snapshot, ObjectMapper mapper) {
    }
}
