package dev.selfheal.detector.incident;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.selfheal.contracts.v1.EventTypes;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.SpanStatus;
import dev.selfheal.testing.KafkaTestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Builds and sends telemetry as telemetry-service publishes it (binary CloudEvents keyed by trace id). Every test
 * of the module shares one engine, whose event time only moves forward, so all of them take their times from one
 * clock that starts an hour in the past and only moves forward.
 */
public final class Telemetry {

    public static final String TOPIC = "selfheal.telemetry.v1";
    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final AtomicReference<Instant> CLOCK = new AtomicReference<>(Instant.now().minus(Duration.ofHours(1)));

    private Telemetry() {
    }

    /** The shared event-time clock, moved on by {@code step}; answers the new time. */
    public static Instant advance(Duration step) {
        return CLOCK.updateAndGet(t -> t.plus(step));
    }

    public static Instant now() {
        return CLOCK.get();
    }

    public static String hex(int digits) {
        StringBuilder out = new StringBuilder();
        while (out.length() < digits) {
            out.append(UUID.randomUUID().toString().replace("-", ""));
        }
        return out.substring(0, digits);
    }

    public static SpanRecorded span(String service, String version, String handler, Instant start, double ms,
            Map<String, String> attributes) {
        return new SpanRecorded(service, version, hex(32), hex(16), null, handler, start, ms, SpanStatus.OK,
                attributes);
    }

    /** A span the probe detector turns into exactly this finding. */
    public static SpanRecorded probe(String service, String handler, String signature, double score, Instant at) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("probe.signature", signature);
        attributes.put("probe.score", String.valueOf(score));
        return span(service, "1.0.0", ProbeDetector.PREFIX + handler, at, 1, attributes);
    }

    public static ProducerRecord<String, String> record(String type, String id, String key, String payload) {
        return KafkaTestClient.cloudEvent(TOPIC, key, id, type, "/selfheal/telemetry-service", payload);
    }

    public static void send(KafkaTestClient kafka, List<SpanRecorded> spans) throws Exception {
        try (KafkaProducer<String, String> producer = kafka.newProducer()) {
            for (SpanRecorded span : spans) {
                producer.send(record(EventTypes.SPAN_RECORDED, span.eventId(), span.traceId(),
                        JSON.writeValueAsString(span)));
            }
            producer.flush();
        }
    }
}
