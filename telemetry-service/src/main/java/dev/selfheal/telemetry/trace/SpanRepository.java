package dev.selfheal.telemetry.trace;

import dev.selfheal.contracts.v1.SpanRecorded;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

@ApplicationScoped
public class SpanRepository implements PanacheRepositoryBase<StoredSpan, String> {

    /** Stores the spans not stored before; returns how many were new. Call inside a transaction. */
    public Uni<Integer> storeNew(List<SpanRecorded> spans, Instant receivedAt) {
        List<String> ids = spans.stream().map(s -> StoredSpan.key(s.traceId(), s.spanId())).distinct().toList();
        return getSession().chain(session -> session
                        .createSelectionQuery("select s.id from StoredSpan s where s.id in :ids", String.class)
                        .setParameter("ids", ids)
                        .getResultList())
                .chain(existing -> {
                    Set<String> seen = new HashSet<>(existing);
                    List<StoredSpan> fresh = spans.stream()
                            .filter(s -> seen.add(StoredSpan.key(s.traceId(), s.spanId())))
                            .map(s -> toEntity(s, receivedAt))
                            .toList();
                    return fresh.isEmpty() ? Uni.createFrom().item(0) : persist(fresh.stream()).replaceWith(fresh.size());
                });
    }

    public Uni<List<StoredSpan>> findByTrace(String traceId) {
        return find("traceId", Sort.by("start").and("spanId"), traceId).list();
    }

    /** The most recently received root spans, one per trace. */
    public Uni<List<StoredSpan>> recentRoots(int limit) {
        return find("parentSpanId is null", Sort.descending("receivedAt").and("start", Sort.Direction.Descending))
                .page(0, limit).list();
    }

    /** Per service: spans, distinct handlers, errors, last received. */
    public Uni<List<Object[]>> serviceTotals() {
        return getSession().chain(session -> session.createSelectionQuery(
                "select s.service, count(s), count(distinct s.handler), "
                        + "sum(case when s.status = 'ERROR' then 1 else 0 end), max(s.receivedAt) "
                        + "from StoredSpan s group by s.service order by s.service", Object[].class)
                .getResultList());
    }

    private static StoredSpan toEntity(SpanRecorded s, Instant receivedAt) {
        StoredSpan e = new StoredSpan();
        e.id = StoredSpan.key(s.traceId(), s.spanId());
        e.traceId = s.traceId();
        e.spanId = s.spanId();
        e.parentSpanId = s.parentSpanId();
        e.service = s.service();
        e.version = s.version();
        e.handler = s.handler();
        e.start = s.start();
        e.durationMs = s.durationMs();
        e.status = s.status().name();
        e.attributes = s.attributes();
        e.kind = s.kind() == null ? null : s.kind().name();
        e.environment = s.environment();
        e.receivedAt = receivedAt;
        return e;
    }
}
