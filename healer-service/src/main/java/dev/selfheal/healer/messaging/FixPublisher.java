package dev.selfheal.healer.messaging;

import dev.selfheal.contracts.v1.EventTypes;
import dev.selfheal.contracts.v1.FixEvent;
import dev.selfheal.platform.messaging.CloudEvents;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes fix transitions on {@code selfheal.fixes.v1}, keyed by fix so one fix's events stay in order. The
 * returned Uni completes once Kafka has acknowledged the event.
 */
@ApplicationScoped
public class FixPublisher {

    public static final String CHANNEL = "fixes-out";
    static final String SOURCE = "/selfheal/healer-service";

    private final MutinyEmitter<FixEvent> emitter;

    public FixPublisher(@Channel(CHANNEL) MutinyEmitter<FixEvent> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(FixEvent event) {
        return emitter.sendMessage(CloudEvents.message(event, event.eventId(), EventTypes.fix(event.status()), SOURCE,
                event.fixId(), event.occurredAt()));
    }
}
