package dev.selfheal.detector.engine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.selfheal.contracts.v1.DependencyCalled;
import dev.selfheal.contracts.v1.DocsRegenerated;
import dev.selfheal.contracts.v1.ErrorObserved;
import dev.selfheal.contracts.v1.EventTypes;
import dev.selfheal.contracts.v1.LogRecorded;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.SpecPublished;
import dev.selfheal.contracts.v1.StateMutated;
import dev.selfheal.contracts.v1.TestReportRecorded;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an event from its CloudEvent type and JSON payload, and checks the fields detectors rely on. One reader
 * per type, made once: decoding is on the consumer's hot path.
 */
@ApplicationScoped
public class TelemetryDecoder {

    private final Map<String, ObjectReader> readers;

    public TelemetryDecoder(ObjectMapper mapper) {
        ObjectMapper tolerant = mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        this.readers = Map.of(
                EventTypes.SPAN_RECORDED, tolerant.readerFor(SpanRecorded.class),
                EventTypes.ERROR_OBSERVED, tolerant.readerFor(ErrorObserved.class),
                EventTypes.DEPENDENCY_CALLED, tolerant.readerFor(DependencyCalled.class),
                EventTypes.STATE_MUTATED, tolerant.readerFor(StateMutated.class),
                EventTypes.LOG_RECORDED, tolerant.readerFor(LogRecorded.class),
                EventTypes.TEST_REPORT_RECORDED, tolerant.readerFor(TestReportRecorded.class),
                EventTypes.SPEC_PUBLISHED, tolerant.readerFor(SpecPublished.class),
                EventTypes.DOCS_REGENERATED, tolerant.readerFor(DocsRegenerated.class));
    }

    /** Whether the detectors read events of this type (others on a shared topic are skipped). */
    public boolean reads(String type) {
        return type != null && readers.containsKey(type);
    }

    /** The event, or why it cannot be used. */
    public Decoded decode(String type, byte[] payload) {
        ObjectReader reader = readers.get(type);
        if (reader == null) {
            return Decoded.refused("unknown event type " + type);
        }
        if (payload == null) {
            return Decoded.refused("no payload");
        }
        Object event;
        try {
            event = reader.readValue(payload);
        } catch (JacksonException e) {
            return Decoded.refused("unreadable " + type + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            return Decoded.refused("unreadable " + type + ": " + e.getMessage());
        }
        return problem(event).map(Decoded::refused).orElseGet(() -> new Decoded(event, null));
    }

    /** What a detector would trip over: the fields every detector assumes present. */
    static Optional<String> problem(Object event) {
        List<String> missing = new ArrayList<>();
        if (event instanceof SpanRecorded s) {
            require(missing, s.service(), "service", s.handler(), "handler", s.traceId(), "traceId", s.spanId(),
                    "spanId", s.start(), "start", s.status(), "status");
            if (!(s.durationMs() >= 0) || Double.isInfinite(s.durationMs())) {
                missing.add("durationMs (a finite number >= 0)");
            }
        } else if (event instanceof ErrorObserved e) {
            require(missing, e.service(), "service", e.handler(), "handler", e.time(), "time", e.signature(),
                    "signature");
        } else if (event instanceof DependencyCalled d) {
            require(missing, d.service(), "service", d.target(), "target", d.start(), "start", d.outcome(), "outcome");
            if (!(d.durationMs() >= 0) || Double.isInfinite(d.durationMs())) {
                missing.add("durationMs (a finite number >= 0)");
            }
        } else if (event instanceof StateMutated m) {
            require(missing, m.service(), "service", m.handler(), "handler", m.time(), "time", m.key(), "key");
        } else if (event instanceof LogRecorded l) {
            require(missing, l.service(), "service", l.time(), "time");
        } else if (event instanceof TestReportRecorded r) {
            require(missing, r.reportId(), "reportId", r.service(), "service", r.version(), "version", r.format(),
                    "format");
            if (r.part() < 1 || r.parts() < r.part()) {
                missing.add("part/parts (1 <= part <= parts)");
            }
        } else if (event instanceof SpecPublished p) {
            require(missing, p.specId(), "specId", p.service(), "service", p.version(), "version");
            if (p.part() < 1 || p.parts() < p.part()) {
                missing.add("part/parts (1 <= part <= parts)");
            }
        } else if (event instanceof DocsRegenerated d) {
            require(missing, d.service(), "service", d.generatedAt(), "generatedAt");
        }
        return missing.isEmpty() ? Optional.empty()
                : Optional.of(event.getClass().getSimpleName() + " without " + String.join(", ", missing));
    }

    private static void require(List<String> missing, Object... valueAndName) {
        for (int i = 0; i < valueAndName.length; i += 2) {
            Object value = valueAndName[i];
            if (value == null || value instanceof String s && s.isBlank()) {
                missing.add((String) valueAndName[i + 1]);
            }
        }
    }

    /** An event, or the reason it cannot be used. */
    public record Decoded(Object event, String refusal) {

        static Decoded refused(String reason) {
            return new Decoded(null, reason);
        }

        public boolean usable() {
            return event != null;
        }
    }
}
