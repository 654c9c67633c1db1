package dev.selfheal.telemetry.messaging;

import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.platform.messaging.CloudEvents;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes normalised telemetry (spans, errors, dependency calls, state mutations, logs) on
 * {@code selfheal.telemetry.v1}, each with its own CloudEvent type; the returned Uni completes once Kafka has
 * acknowledged every event.
 */
@ApplicationScoped
public class TelemetryPublisher {

    public static final String CHANNEL = "telemetry-out";
    static final String SOURCE = "/selfheal/telemetry-service";

    private final MutinyEmitter<Object> emitter;

    public TelemetryPublisher(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20_000)
            MutinyEmitter<Object> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(List<SpanRecorded> spans) {
        return publishAll(spans.stream().map(OutgoingEvent::of).toList());
    }

    public Uni<Void> publishAll(List<OutgoingEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = events.stream()
                .map(event -> emitter.sendMessage(CloudEvents.message(event.payload(), event.id(), event.type(),
                        SOURCE, event.key(), event.time())))
                .toList();
        return Uni.join().all(sends).andCollectFailures().replaceWithVoid();
    }
}
