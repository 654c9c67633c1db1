package dev.selfheal.telemetry.evidence.testreport;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
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
}
