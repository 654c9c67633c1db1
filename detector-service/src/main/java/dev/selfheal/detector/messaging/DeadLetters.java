package dev.selfheal.detector.messaging;

import dev.selfheal.detector.engine.EngineRuntime.Positioned;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes records the detectors cannot use on the dead-letter topic, unchanged, with their original headers and
 * the reason ({@code dead-letter-reason}, {@code dead-letter-topic}, {@code dead-letter-partition},
 * {@code dead-letter-offset}, as SmallRye's own dead-letter strategy names them). Completes once Kafka
 * acknowledged every one.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String CHANNEL = "dead-letters-out";
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final MutinyEmitter<byte[]> emitter;
    private final MeterRegistry registry;

    public DeadLetters(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter, MeterRegistry registry) {
        this.emitter = emitter;
        this.registry = registry;
    }

    public Uni<Void> send(List<Positioned> refused) {
        if (refused.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = refused.stream().map(this::send).toList();
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private Uni<Void> send(Positioned refused) {
        LOG.warnf("dead-lettering %s/%d offset %d: %s", refused.topic(), refused.partition(), refused.offset(),
                refused.refusal());
        registry.counter("selfheal.detector.events", "outcome", "dead-lettered").increment();
        RecordHeaders headers = new RecordHeaders(refused.record().headers().toArray());
        headers.add("dead-letter-reason", refused.refusal().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", refused.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", String.valueOf(refused.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", String.valueOf(refused.offset()).getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(refused.record().key()).withHeaders(headers).build();
        byte[] payload = refused.record().value() == null ? new byte[0] : refused.record().value();
        return emitter.sendMessage(Message.of(payload).addMetadata(metadata));
    }
}
