package dev.selfheal.telemetry.evidence.testreport;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class TestReportRepository implements PanacheRepositoryBase<StoredTestReport, String> {

    /**
     * The latest report of each format for each version of {@code service} (only {@code version}'s when given),
     * newest first. Call inside a session.
     */
    public Uni<List<StoredTestReport>> latest(String service, String version, int limit) {
        String sql = "select * from (select distinct on (version, format) * from {h-schema}test_report"
                + " where service = :service" + (version == null ? "" : " and version = :version")
                + " order by version, format, received_at desc) latest order by received_at desc, format limit :limit";
        return getSession().chain(session -> {
            var query = session.createNativeQuery(sql, StoredTestReport.class)
                    .setParameter("service", service)
                    .setParameter("limit", limit);
            if (version != null) {
                query.setParameter("version", version);
            }
            return query.getResultList();
        });
    }

    /**
     * Deletes up to {@code batch} reports received before {@code cutoff} that a newer report of the same service,
     * version and format supersedes; answers how many. Call in a transaction.
     */
    public Uni<Integer> deleteSupersededBefore(Instant cutoff, int batch) {
        return getSession().chain(session -> session.createNativeQuery("delete from {h-schema}test_report where id in ("
                        + "select t.id from {h-schema}test_report t where t.received_at < :cutoff and exists ("
                        + "select 1 from {h-schema}test_report n where n.service = t.service and n.version = t.version"
                        + " and n.format = t.format and (n.received_at, n.id) > (t.received_at, t.id)) limit :batch)")
                .setParameter("cutoff", cutoff)
                .setParameter("batch", batch)
                .executeUpdate());
    }
}
