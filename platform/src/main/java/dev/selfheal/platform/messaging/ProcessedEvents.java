package dev.selfheal.platform.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Makes consumers idempotent under Kafka's at-least-once delivery: an event's work runs in the same database
 * transaction that records its id, so a redelivered event is acknowledged without being processed twice.
 * Every service's Flyway migrations create the {@code processed_event} table this relies on.
 */
@ApplicationScoped
public class ProcessedEvents {

    private static final Logger LOG = Logger.getLogger(ProcessedEvents.class);

    private final String table;

    public ProcessedEvents(@ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") Optional<String> schema) {
        this.table = schema.map(s -> s + ".processed_event").orElse("processed_event");
    }

    /**
     * Runs {@code work} on the message's payload once per event id and consumer, then acknowledges the message.
     * A message without an event id, or whose work fails, is nacked: the channel's failure strategy (the
     * dead-letter topic) takes it with the reason.
     */
    public <T> Uni<Void> once(String consumer, Message<T> message, Function<T, Uni<Void>> work) {
        Optional<String> eventId = CloudEvents.id(message);
        if (eventId.isEmpty()) {
            return nack(message, new IllegalArgumentException("message has no CloudEvent id (ce_id header)"));
        }
        if (message.getPayload() == null) {
            return nack(message, new IllegalArgumentException("message " + eventId.get() + " has no readable payload"));
        }
        String key = consumer + ":" + eventId.get();
        return Panache.withTransaction(() -> claim(key)
                        .chain(first -> {
                            if (!first) {
                                LOG.debugf("event %s already processed by %s", eventId.get(), consumer);
                                return Uni.createFrom().voidItem();
                            }
                            return work.apply(message.getPayload());
                        }))
                // A transient failure (a lost connection, a serialization conflict) may pass; an invalid event never will.
                .onFailure(failure -> !(failure instanceof IllegalArgumentException))
                .retry().withBackOff(java.time.Duration.ofMillis(200)).atMost(3)
                .onItemOrFailure().transformToUni((ignored, failure) -> failure == null
                        ? Uni.createFrom().completionStage(message.ack())
                        : nack(message, failure));
    }

    private Uni<Boolean> claim(String key) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into " + table + " (id, processed_at) values (:id, now()) on conflict do nothing")
                .setParameter("id", key)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    private static <T> Uni<Void> nack(Message<T> message, Throwable reason) {
        LOG.warnf("sending message to the dead-letter topic: %s", reason.getMessage());
        return Uni.createFrom().completionStage(message.nack(reason));
    }
}
