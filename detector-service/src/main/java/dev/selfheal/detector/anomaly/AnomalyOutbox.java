package dev.selfheal.detector.anomaly;

import dev.selfheal.detector.messaging.AnomalyPublisher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Publishes stored anomalies on {@code selfheal.anomalies.v1}. Detectors only write anomalies in their own
 * transaction; this relay publishes them after they are committed and marks them published once Kafka
 * acknowledged, so an anomaly is neither lost while the broker is away nor published before it is stored.
 * A run that fails is retried whole on the next run; consumers deduplicate on the anomaly id.
 */
@ApplicationScoped
public class AnomalyOutbox {

    private static final Logger LOG = Logger.getLogger(AnomalyOutbox.class);

    private final AnomalyRepository anomalies;
    private final AnomalyPublisher publisher;
    private final OutboxConfig config;

    public AnomalyOutbox(AnomalyRepository anomalies, AnomalyPublisher publisher, OutboxConfig config) {
        this.anomalies = anomalies;
        this.publisher = publisher;
        this.config = config;
    }

    @Scheduled(every = "${selfheal.detector.outbox.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> relay() {
        return publishPending()
                .onFailure().invoke(e -> LOG.warnf("anomalies not published yet, retrying on the next run: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Publishes the oldest unpublished anomalies; answers how many. */
    public Uni<Integer> publishPending() {
        return Panache.withTransaction(() -> anomalies.lockUnpublished(config.batchSize()).chain(this::publish));
    }

    private Uni<Integer> publish(List<Anomaly> pending) {
        if (pending.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Uni<Void>> sends = pending.stream().map(a -> publisher.publish(AnomalyMapper.toEvent(a))).toList();
        return Uni.join().all(sends).andCollectFailures()
                .ifNoItem().after(config.publishTimeout()).fail()
                .map(acknowledged -> {
                    Instant now = Instant.now();
                    pending.forEach(a -> a.published(now));
                    return pending.size();
                });
    }
}
