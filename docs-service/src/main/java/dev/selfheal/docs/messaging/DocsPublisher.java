package dev.selfheal.docs.messaging;

import dev.selfheal.contracts.v1.DocsRegenerated;
import dev.selfheal.contracts.v1.EventTypes;
import dev.selfheal.docs.config.DocsConfig;
import dev.selfheal.platform.messaging.CloudEvents;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Announces new documentation versions on {@code selfheal.docs.v1}, keyed by service so they stay in order. */
@ApplicationScoped
public class DocsPublisher {

    public static final String CHANNEL = "docs-out";
    static final String SOURCE = "/selfheal/docs-service";

    private final MutinyEmitter<DocsRegenerated> emitter;
    private final DocsConfig config;

    public DocsPublisher(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1_000)
            MutinyEmitter<DocsRegenerated> emitter, DocsConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    /** Completes once Kafka acknowledged the event. */
    public Uni<Void> publish(DocsRegenerated event) {
        return emitter.sendMessage(CloudEvents.message(event, event.eventId(), EventTypes.DOCS_REGENERATED, SOURCE,
                        event.service(), event.generatedAt()))
                .ifNoItem().after(config.publishTimeout()).fail();
    }
}
