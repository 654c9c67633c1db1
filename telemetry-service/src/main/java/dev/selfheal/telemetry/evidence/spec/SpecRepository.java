package dev.selfheal.telemetry.evidence.spec;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class SpecRepository implements PanacheRepositoryBase<StoredSpec, StoredSpec.Key> {

    /** The documents of every version of {@code service}, newest first. Call inside a session. */
    public Uni<List<StoredSpec>> byService(String service, int limit) {
        return find("service", Sort.descending("receivedAt").and("version"), service).page(0, limit).list();
    }

    /**
     * Deletes up to {@code batch} documents received before {@code cutoff} whose service has sent a document since
     * (for a later version); answers how many. Call in a transaction.
     */
    public Uni<Integer> deleteSupersededBefore(Instant cutoff, int batch) {
        return getSession().chain(session -> session.createNativeQuery("delete from {h-schema}api_spec where"
                        + " (service, version) in (select s.service, s.version from {h-schema}api_spec s"
                        + " where s.received_at < :cutoff and exists (select 1 from {h-schema}api_spec n"
                        + " where n.service = s.service and n.received_at > s.received_at) limit :batch)")
                .setParameter("cutoff", cutoff)
                .setParameter("batch", batch)
                .executeUpdate());
    }
}
