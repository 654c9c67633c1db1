package dev.selfheal.telemetry.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.platform.messaging.CloudEventHeaders;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes normalised telemetry (spans, errors, dependency calls, state mutations, logs) on
 * {@code selfheal.telemetry.v1}, each as a binary-mode CloudEvent with its own type; the returned Uni completes
 * once Kafka has acknowledged every event of the batch (acks=all), and fails with the first refusal.
 *
 * <p>The records go straight to the channel's Kafka producer, on the producer's own sending thread, rather than
 * one reactive message per event through the emitter: a batch of thousands of events then costs one task hand-off
 * and one callback per record, where the emitter path cost a message, its metadata and a Uni per event
 * (docs/benchmarks.md). The channel keeps its configuration (acks, idempotence, timeouts) and its health check.
 */
@ApplicationScoped
public class TelemetryPublisher {

    public static final String CHANNEL = "telemetry-out";
    static final String SOURCE = "/selfheal/telemetry-service";

    private final KafkaClientService clients;
    private final ObjectMapper payloads;
    private final String topic;
    /** One writer per contract type, so that the serializer is not looked up again for every event. */
    private final ClassValue<ObjectWriter> writers = new ClassValue<>() {
        @Override
        protected ObjectWriter computeValue(Class<?> type) {
            // Jackson's own shortest-representation double writer: JDK 17's Double.toString is several times slower.
            return payloads.writerFor(type).with(StreamWriteFeature.USE_FAST_DOUBLE_WRITER);
        }
    };

    public TelemetryPublisher(@Channel(CHANNEL) MutinyEmitter<Object> channel, KafkaClientService clients,
            ObjectMapper json, @ConfigProperty(name = "mp.messaging.outgoing." + CHANNEL + ".topic") String topic) {
        // The emitter is not used to send: injecting it is what makes the channel, its producer and its health
        // check exist.
        this.clients = clients;
        // The application's mapper, with a faster writer of the same ISO-8601 text for instants.
        this.payloads = json.copy().registerModule(new SimpleModule("selfheal-telemetry-payloads")
                .addSerializer(Instant.class, new IsoInstants.Serializer()));
        this.topic = topic;
    }

    public Uni<Void> publish(List<SpanRecorded> spans) {
        return publishAll(spans.stream().map(OutgoingEvent::of).toList());
    }

    public Uni<Void> publishAll(List<OutgoingEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<ProducerRecord<String, byte[]>> records;
        try {
            records = events.stream().map(this::record).toList();
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(e);
        }
        KafkaProducer<String, byte[]> producer = clients.getProducer(CHANNEL);
        BatchAcknowledgement acknowledgement = new BatchAcknowledgement(records.size());
        Uni<Void> sent = producer.runOnSendingThread(kafka -> {
            // Once one record is refused the batch has failed: the rest are not sent, so that a broker outage
            // (each send waiting up to max.block.ms for metadata) does not hold the sending thread per record.
            for (ProducerRecord<String, byte[]> record : records) {
                if (acknowledgement.failed()) {
                    break;
                }
                try {
                    kafka.send(record, acknowledgement);
                } catch (RuntimeException e) {
                    acknowledgement.onCompletion(null, e);
                }
            }
        }).chain(() -> Uni.createFrom().completionStage(acknowledgement.completion()));
        // Kafka completes on its own threads; what the caller chains next (a Hibernate session, the response)
        // belongs on the caller's Vert.x context.
        Context caller = Vertx.currentContext();
        return caller == null ? sent : sent.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    private ProducerRecord<String, byte[]> record(OutgoingEvent event) {
        byte[] value;
        try {
            value = writers.get(event.payload().getClass()).writeValueAsBytes(event.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event.id() + " cannot be written as JSON", e);
        }
        return new ProducerRecord<>(topic, null, null, event.key(), value,
                CloudEventHeaders.of(event.id(), event.type(), SOURCE));
    }
}
