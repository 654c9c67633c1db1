package dev.selfheal.detector.anomaly;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.platform.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps the anomalies: one per incident, announcing it on {@code selfheal.anomalies.v1} through the outbox, and
 * readable over REST.
 */
@ApplicationScoped
public class AnomalyService {

    private static final Logger LOG = Logger.getLogger(AnomalyService.class);

    private final AnomalyRepository anomalies;
    private final MeterRegistry registry;

    public AnomalyService(AnomalyRepository anomalies, MeterRegistry registry) {
        this.anomalies = anomalies;
        this.registry = registry;
    }

    /**
     * Stores the anomaly announcing an incident, open for {@code openFor}; the outbox publishes it once the
     * transaction commits. Call in a transaction.
     */
    public Uni<Anomaly> announce(NewAnomaly finding, Instant now, Duration openFor) {
        Anomaly raised = Anomaly.open(UUID.randomUUID().toString(), finding, now, openFor);
        return anomalies.persist(raised).invoke(() -> {
            LOG.infof("anomaly %s: %s", raised.id, raised.summary);
            registry.counter("selfheal.detector.anomalies",
                    "capability", raised.capability.name(), "service", raised.service).increment();
        });
    }

    /** The anomaly with this id, or null. Call in a session. */
    public Uni<Anomaly> find(String id) {
        return anomalies.findById(id);
    }

    @WithSession
    public Uni<List<AnomalyView>> list(Optional<String> service, Optional<Capability> capability, int limit) {
        Instant now = Instant.now();
        return anomalies.list(service, capability, limit)
                .map(found -> found.stream().map(a -> AnomalyMapper.toView(a, now)).toList());
    }

    @WithSession
    public Uni<AnomalyView> get(String id) {
        return anomalies.findById(id).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("no anomaly " + id + " is known");
            }
            return AnomalyMapper.toView(found, Instant.now());
        });
    }
}
