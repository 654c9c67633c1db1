package dev.selfheal.detector.latency;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
public class HandlerLatencyRepository implements PanacheRepositoryBase<HandlerLatency, Long> {

    private final String table;

    public HandlerLatencyRepository(
            @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") Optional<String> schema) {
        this.table = schema.map(s -> s + ".latency_handler").orElse("latency_handler");
    }

    /**
     * Counts one more sample for the handler, creating its row on the first. The upsert also locks the row until
     * the transaction ends, which serialises evaluations of one handler across consumers. Call in a transaction.
     */
    public Uni<Void> countSample(String service, String handler, Instant start) {
        return getSession().chain(session -> session.createNativeQuery("insert into " + table
                        + " as h (service, handler, samples, last_sample_start, state)"
                        + " values (:service, :handler, 1, :start, :state)"
                        + " on conflict (service, handler) do update set samples = h.samples + 1,"
                        + " last_sample_start = greatest(h.last_sample_start, excluded.last_sample_start)")
                .setParameter("service", service)
                .setParameter("handler", handler)
                .setParameter("start", start)
                .setParameter("state", LatencyState.LEARNING.name())
                .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<HandlerLatency> find(String service, String handler) {
        return find("service = ?1 and handler = ?2", service, handler).singleResult();
    }

    /** The watched handlers, of one service or all, ordered by service and handler. */
    public Uni<List<HandlerLatency>> list(Optional<String> service) {
        Sort order = Sort.by("service").and("handler");
        return service.map(s -> find("service", order, s).list()).orElseGet(() -> findAll(order).list());
    }
}
