package dev.selfheal.detector.messaging;

import dev.selfheal.detector.engine.EngineRuntime;
import dev.selfheal.detector.engine.EngineRuntime.Positioned;
import dev.selfheal.detector.engine.TelemetryDecoder;
import dev.selfheal.detector.incident.IncidentService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Feeds the detection engine from {@code selfheal.telemetry.v1} (every event type telemetry-service publishes)
 * and {@code selfheal.docs.v1} (documented flows), a polled batch at a time: decode by CloudEvent type, apply
 * in order, store what the detectors found as incidents, dead-letter what cannot be used, and leave the batch
 * to be acknowledged by the checkpoint that includes it (see {@link EngineRuntime}).
 */
@ApplicationScoped
public class TelemetryConsumer {

    public static final String TELEMETRY_CHANNEL = "telemetry-in";
    public static final String DOCS_CHANNEL = "docs-in";
    static final String CE_TYPE = "ce_type";

    private final EngineRuntime runtime;
    private final TelemetryDecoder decoder;
    private final IncidentService incidents;
    private final DeadLetters deadLetters;
    private final Counter consumed;
    private final Counter skipped;

    public TelemetryConsumer(EngineRuntime runtime, TelemetryDecoder decoder, IncidentService incidents,
            DeadLetters deadLetters, MeterRegistry registry) {
        this.runtime = runtime;
        this.decoder = decoder;
        this.incidents = incidents;
        this.deadLetters = deadLetters;
        this.consumed = registry.counter("selfheal.detector.events", "outcome", "applied");
        this.skipped = registry.counter("selfheal.detector.events", "outcome", "other-type");
    }

    @Incoming(TELEMETRY_CHANNEL)
    public Uni<Void> telemetry(Message<List<byte[]>> batch) {
        return consume(batch);
    }

    @Incoming(DOCS_CHANNEL)
    public Uni<Void> docs(Message<List<byte[]>> batch) {
        return consume(batch);
    }

    @SuppressWarnings("unchecked")
    private Uni<Void> consume(Message<List<byte[]>> batch) {
        IncomingKafkaRecordBatchMetadata<String, byte[]> metadata = batch
                .getMetadata(IncomingKafkaRecordBatchMetadata.class).orElseThrow();
        return runtime.ready().chain(() -> {
            List<Positioned> records = new ArrayList<>(metadata.getRecords().count());
            for (ConsumerRecord<String, byte[]> record : metadata.getRecords()) {
                records.add(position(record));
            }
            EngineRuntime.Applied applied = runtime.apply(records, Instant.now());
            consumed.increment(applied.applied());
            return incidents.record(applied.findings(), runtime.watermark())
                    .chain(() -> deadLetters.send(applied.refused()))
                    .onFailure().invoke(runtime::halt)
                    .chain(() -> runtime.settled(batch, records.size()) ? runtime.checkpoint()
                            : Uni.createFrom().voidItem());
        });
    }

    private Positioned position(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(CE_TYPE);
        String type = header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        if (!decoder.reads(type)) {
            skipped.increment();
            return new Positioned(record.topic(), record.partition(), record.offset(), null,
                    header == null ? "no ce_type header: not a CloudEvent" : null, record);
        }
        TelemetryDecoder.Decoded decoded = decoder.decode(type, record.value());
        return new Positioned(record.topic(), record.partition(), record.offset(), decoded.event(), decoded.refusal(),
                record);
    }
}
