package dev.selfheal.telemetry.trace;

import dev.selfheal.contracts.v1.SpanRecorded;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlResult;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;

@ApplicationScoped
public class SpanRepository implements PanacheRepositoryBase<StoredSpan, String> {

    private static final AttributesConverter ATTRIBUTES = new AttributesConverter();
    /** A filtered trace listing reads at most this many recent matching spans per trace asked for. */
    static final int SCAN_PER_TRACE = 20;

    private final Pool pool;
    private final String insertSql;

    public SpanRepository(Pool pool, @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        this.pool = pool;
        this.insertSql = "insert into " + schema + ".span (id, trace_id, span_id, parent_span_id, service, version,"
                + " handler, start_time, duration_ms, status, attributes, kind, environment, received_at)"
                + " select t.*, $14 from unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[],"
                + " $5::varchar[], $6::varchar[], $7::varchar[], $8::timestamptz[], $9::float8[], $10::varchar[],"
                + " $11::text[], $12::varchar[], $13::varchar[]) as t on conflict (id) do nothing";
    }

    /**
     * Stores the spans not stored before in one statement and answers how many were new. A batch of any size is
     * one round trip: the columns travel as arrays and {@code unnest} turns them back into rows, and
     * {@code on conflict do nothing} skips spans a retried export already delivered. The statement is atomic on its
     * own, so no transaction is needed; Hibernate is bypassed on this path because per-entity persistence cost
     * more CPU than everything else the ingest does (docs/benchmarks.md).
     */
    public Uni<Integer> storeNew(List<SpanRecorded> spans, Instant receivedAt) {
        Map<String, SpanRecorded> unique = new LinkedHashMap<>();
        for (SpanRecorded span : spans) {
            unique.putIfAbsent(StoredSpan.key(span.traceId(), span.spanId()), span);
        }
        if (unique.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        int n = unique.size();
        String[] ids = new String[n];
        String[] traceIds = new String[n];
        String[] spanIds = new String[n];
        String[] parents = new String[n];
        String[] services = new String[n];
        String[] versions = new String[n];
        String[] handlers = new String[n];
        OffsetDateTime[] starts = new OffsetDateTime[n];
        Double[] durations = new Double[n];
        String[] statuses = new String[n];
        String[] attributes = new String[n];
        String[] kinds = new String[n];
        String[] environments = new String[n];
        int i = 0;
        for (Map.Entry<String, SpanRecorded> entry : unique.entrySet()) {
            SpanRecorded s = entry.getValue();
            ids[i] = entry.getKey();
            traceIds[i] = s.traceId();
            spanIds[i] = s.spanId();
            parents[i] = s.parentSpanId();
            services[i] = s.service();
            versions[i] = s.version();
            handlers[i] = s.handler();
            starts[i] = s.start().atOffset(ZoneOffset.UTC);
            durations[i] = s.durationMs();
            statuses[i] = s.status().name();
            attributes[i] = ATTRIBUTES.convertToDatabaseColumn(s.attributes());
            kinds[i] = s.kind() == null ? null : s.kind().name();
            environments[i] = s.environment();
            i++;
        }
        Tuple columns = Tuple.tuple()
                .addArrayOfString(ids).addArrayOfString(traceIds).addArrayOfString(spanIds)
                .addArrayOfString(parents).addArrayOfString(services).addArrayOfString(versions)
                .addArrayOfString(handlers).addArrayOfOffsetDateTime(starts).addArrayOfDouble(durations)
                .addArrayOfString(statuses).addArrayOfString(attributes).addArrayOfString(kinds)
                .addArrayOfString(environments).addOffsetDateTime(receivedAt.atOffset(ZoneOffset.UTC));
        return pool.preparedQuery(insertSql).execute(columns).map(SqlResult::rowCount);
    }

    public Uni<List<StoredSpan>> findByTrace(String traceId) {
        return find("traceId", Sort.by("start").and("spanId"), traceId).list();
    }

    /**
     * One span per matching trace, newest first by that span's start: the trace's root, or, when its root is not
     * stored, its earliest span that matches the query.
     *
     * <p>Unfiltered, the query walks spans newest first (the start index) and keeps each span that is its trace's
     * representative, checking that with index probes on (trace id, start), and stops after {@code limit} of
     * them. Filtered, it first takes the traces of the {@code limit * }{@value #SCAN_PER_TRACE} most recent matching
     * spans (through the filter's index) and then picks their representatives, so a filter that matches little
     * or nothing reads little or nothing. {@code {h-schema}} is the telemetry schema, which Hibernate applies to
     * entity queries only.
     */
    public Uni<List<StoredSpan>> findTraces(TraceQuery query) {
        boolean filtered = !query.unfiltered();
        // The earliest root of its trace (a trace with two roots is listed once) ...
        String root = "s.parent_span_id is null and not exists (select 1 from {h-schema}span r where"
                + " r.trace_id = s.trace_id and r.parent_span_id is null"
                + " and (r.start_time, r.span_id) < (s.start_time, s.span_id))";
        // ... or, in a trace without a stored root, its earliest (matching) span.
        String orphan = "s.parent_span_id is not null"
                + (filtered ? " and " + matches(query, "s") : "")
                + " and not exists (select 1 from {h-schema}span r where r.trace_id = s.trace_id"
                + " and r.parent_span_id is null)"
                + " and not exists (select 1 from {h-schema}span e where e.trace_id = s.trace_id"
                + " and (e.start_time, e.span_id) < (s.start_time, s.span_id)"
                + (filtered ? " and " + matches(query, "e") : "") + ")";
        String representatives = "((" + root + ") or (" + orphan + ")) order by s.start_time desc, s.trace_id"
                + " limit :limit";
        String sql = filtered
                ? "select s.id from {h-schema}span s where s.trace_id in (select m.trace_id from {h-schema}span m"
                        + " where " + matches(query, "m") + " order by m.start_time desc limit :scan) and "
                        + representatives
                : "select s.id from {h-schema}span s where " + representatives;
        return getSession().chain(session -> {
            var ids = session.createNativeQuery(sql, String.class).setParameter("limit", query.limit());
            if (filtered) {
                ids.setParameter("scan", query.limit() * SCAN_PER_TRACE);
            }
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
}
