package dev.selfheal.docs.observation;

import dev.selfheal.contracts.v1.SpanRecorded;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class ExecutionRepository implements PanacheRepositoryBase<Execution, Long> {

    /** Stores one observed execution. Call inside a transaction. */
    public Uni<Void> record(SpanRecorded span, Instant receivedAt) {
        Execution e = new Execution();
        e.service = span.service();
        e.handler = span.handler();
        e.version = span.version();
        e.start = span.start();
        e.durationMs = span.durationMs();
        e.status = span.status().name();
        e.receivedAt = receivedAt;
        return persist(e).replaceWithVoid();
    }

    /** Per handler of {@code service}: calls, errors, latency percentiles, versions, first and last seen. */
    public Uni<List<HandlerStats>> statsOf(String service) {
        return getSession().chain(session -> session.createSelectionQuery(
                                "select e.handler, count(e), sum(case when e.status = 'ERROR' then 1 else 0 end), "
                                        + "percentile_cont(0.5) within group (order by e.durationMs), "
                                        + "percentile_cont(0.95) within group (order by e.durationMs), "
                                        + "percentile_cont(0.99) within group (order by e.durationMs), "
                                        + "min(e.start), max(e.start) "
                                        + "from Execution e where e.service = :service group by e.handler",
                                Object[].class)
                        .setParameter("service", service)
                        .getResultList()
                        .chain(figures -> session.createSelectionQuery(
                                        "select e.handler, e.version from Execution e where e.service = :service "
                                                + "group by e.handler, e.version order by min(e.start), e.version",
                                        Object[].class)
                                .setParameter("service", service)
                                .getResultList()
                                .map(versions -> combine(figures, versions))));
    }

    private static List<HandlerStats> combine(List<Object[]> figures, List<Object[]> versionRows) {
        Map<String, List<String>> versions = new LinkedHashMap<>();
        for (Object[] row : versionRows) {
            versions.computeIfAbsent((String) row[0], h -> new ArrayList<>()).add((String) row[1]);
        }
        return figures.stream()
                .map(r -> new HandlerStats(
                        (String) r[0],
                        ((Number) r[1]).longValue(),
                        ((Number) r[2]).longValue(),
                        ((Number) r[3]).doubleValue(),
                        ((Number) r[4]).doubleValue(),
                        ((Number) r[5]).doubleValue(),
                        versions.getOrDefault((String) r[0], List.of()),
                        (Instant) r[6],
                        (Instant) r[7]))
                .toList();
    }
}
