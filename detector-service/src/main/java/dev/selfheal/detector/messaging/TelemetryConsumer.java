package dev.selfheal.detector.messaging;

import dev.selfheal.contracts.v1.EventTypes;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.detector.latency.LatencyDetector;
import dev.selfheal.platform.messaging.CloudEvents;
import dev.selfheal.platform.messaging.ProcessedEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Feeds every span from {@code selfheal.telemetry.v1} to the detectors, once per event id. A span that cannot be
 * read or used goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class TelemetryConsumer {

    public static final String CHANNEL = "telemetry-in";
    static final String CONSUMER = "latency-detector";

    private final ProcessedEvents processed;
    private final LatencyDetector latency;

    public TelemetryConsumer(ProcessedEvents processed, LatencyDetector latency) {
        this.processed = processed;
        this.latency = latency;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<SpanRecorded> message) {
        if (!CloudEvents.isFor(message, EventTypes.SPAN_RECORDED)) {
            return CloudEvents.skip(message);
        }
        return processed.once(CONSUMER, message, latency::record);
    }
}
