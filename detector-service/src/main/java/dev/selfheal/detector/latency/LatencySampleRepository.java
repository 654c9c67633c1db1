package dev.selfheal.detector.latency;

import dev.selfheal.contracts.v1.SpanRecorded;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
public class LatencySampleRepository implements PanacheRepositoryBase<LatencySample, String> {

    private final String table;

    public LatencySampleRepository(
            @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") Optional<String> schema) {
        this.table = schema.map(s -> s + ".latency_sample").orElse("latency_sample");
    }

    /** Stores the span's duration unless it is already stored; answers whether it was new. Call in a transaction. */
    public Uni<Boolean> insertIfAbsent(SpanRecorded span) {
        return getSession().chain(session -> session.createNativeQuery("insert into " + table
                        + " (id, service, handler, version, trace_id, start_time, duration_ms)"
                        + " values (:id, :service, :handler, :version, :traceId, :start, :durationMs)"
                        + " on conflict (id) do nothing")
                .setParameter("id", span.eventId())
                .setParameter("service", span.service())
                .setParameter("handler", span.handler())
                .setParameter("version", span.version())
                .setParameter("traceId", span.traceId())
                .setParameter("start", span.start())
                .setParameter("durationMs", span.durationMs())
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** A handler's latest samples by start time, latest first; of those that started together, the last to arrive first. */
    public Uni<List<LatencyPoint>> latest(String service, String handler, int limit) {
        return getSession().chain(session -> session.createSelectionQuery(
                        "select new dev.selfheal.detector.latency.LatencyPoint(s.traceId, s.version, s.start, s.durationMs)"
                                + " from LatencySample s where s.service = :service and s.handler = :handler"
                                + " order by s.start desc, s.arrival desc", LatencyPoint.class)
                .setParameter("service", service)
                .setParameter("handler", handler)
                .setMaxResults(limit)
                .getResultList());
    }

    /** Deletes all but the latest {@code keep} samples of a handler; answers how many were deleted. */
    public Uni<Integer> prune(String service, String handler, int keep) {
        return getSession().chain(session -> session.createNativeQuery("delete from " + table
                        + " where service = :service and handler = :handler and id not in ("
                        + "select id from " + table + " where service = :service and handler = :handler"
                        + " order by start_time desc, arrival desc limit :keep)")
                .setParameter("service", service)
                .setParameter("handler", handler)
                .setParameter("keep", keep)
                .executeUpdate());
    }
}
