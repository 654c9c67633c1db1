package dev.selfheal.telemetry.evidence.spec;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class SpecRepository implements PanacheRepositoryBase<StoredSpec, StoredSpec.Key> {

    /** The documents of every version of {@code service}, newest first. Call inside a session. */
    public Uni<List<StoredSpec>> byService(String service, int limit) {
        return find("service", Sort.descending("receivedAt").and("version"), service).page(0, limit).list();
    }
}
