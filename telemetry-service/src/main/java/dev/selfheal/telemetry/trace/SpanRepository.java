package dev.selfheal.telemetry.trace;

import dev.selfheal.contracts.v1.SpanRecorded;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.reactive.mutiny.Mutiny;

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

    /**
     * One span per matching trace, newest first by that span's start: the trace's root, or, when its root is not
     * stored, its earliest span that matches the query.
     */
    public Uni<List<StoredSpan>> findTraces(TraceQuery query) {
        // DISTINCT ON picks each trace's representative (root first, then earliest); only ids come back, so the
        // spans are then read as entities, attributes converter included. {h-schema} is the telemetry schema, which
        // Hibernate applies to entity queries only.
        // Unfiltered, every span of every trace is a candidate; filtered, the root and the matching spans of the
        // traces holding a matching span.
        String candidates = query.unfiltered() ? ""
                : " where (s.parent_span_id is null or " + matches(query, "s") + ") and exists (select 1 from"
                        + " {h-schema}span m where m.trace_id = s.trace_id and " + matches(query, "m") + ")";
        String sql = "select r.id from (select distinct on (s.trace_id) s.id, s.trace_id, s.start_time"
                + " from {h-schema}span s" + candidates
                + " order by s.trace_id, (s.parent_span_id is null) desc, s.start_time, s.span_id) r"
                + " order by r.start_time desc, r.trace_id limit :limit";
        return getSession().chain(session -> {
            var ids = session.createNativeQuery(sql, String.class).setParameter("limit", query.limit());
            bind(ids, query);
            return ids.getResultList();
        }).chain(ids -> {
            if (ids.isEmpty()) {
                return Uni.createFrom().item(List.<StoredSpan>of());
            }
            Map<String, Integer> order = new HashMap<>();
            ids.forEach(id -> order.put(id, order.size()));
            return list("id in ?1", ids).map(found -> found.stream()
                    .sorted(Comparator.comparingInt((StoredSpan s) -> order.get(s.id))).toList());
        });
    }

    /** Deletes up to {@code batch} spans that started before {@code cutoff}; answers how many. Call in a transaction. */
    public Uni<Integer> deleteStartedBefore(Instant cutoff, int batch) {
        return getSession().chain(session -> session.createNativeQuery("delete from {h-schema}span where id in ("
                        + "select id from {h-schema}span where start_time < :cutoff limit :batch)")
                .setParameter("cutoff", cutoff)
                .setParameter("batch", batch)
                .executeUpdate());
    }

    /** Per service: spans, distinct handlers, errors, last received. */
    public Uni<List<Object[]>> serviceTotals() {
        return getSession().chain(session -> session.createSelectionQuery(
                "select s.service, count(s), count(distinct s.handler), "
                        + "sum(case when s.status = 'ERROR' then 1 else 0 end), max(s.receivedAt) "
                        + "from StoredSpan s group by s.service order by s.service", Object[].class)
                .getResultList());
    }

    private static String matches(TraceQuery query, String alias) {
        List<String> conditions = new ArrayList<>();
        if (query.service() != null) {
            conditions.add(alias + ".service = :service");
        }
        if (query.handler() != null) {
            conditions.add(alias + ".handler = :handler");
        }
        if (query.status() != null) {
            conditions.add(alias + ".status = :status");
        }
        if (query.from() != null) {
            conditions.add(alias + ".start_time >= :from");
        }
        if (query.to() != null) {
            conditions.add(alias + ".start_time <= :to");
        }
        return "(" + String.join(" and ", conditions) + ")";
    }

    private static void bind(Mutiny.SelectionQuery<String> query, TraceQuery q) {
        if (q.service() != null) {
            query.setParameter("service", q.service());
        }
        if (q.handler() != null) {
            query.setParameter("handler", q.handler());
        }
        if (q.status() != null) {
            query.setParameter("status", q.status());
        }
        if (q.from() != null) {
            query.setParameter("from", q.from());
        }
        if (q.to() != null) {
            query.setParameter("to", q.to());
        }
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
