package dev.selfheal.detector.anomaly;

import dev.selfheal.contracts.v1.Capability;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class AnomalyRepository implements PanacheRepositoryBase<Anomaly, String> {

    /** Newest first, optionally of one service and one capability. */
    public Uni<List<Anomaly>> list(Optional<String> service, Optional<Capability> capability, int limit) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        service.ifPresent(s -> {
            conditions.add("service = :service");
            parameters.and("service", s);
        });
        capability.ifPresent(c -> {
            conditions.add("capability = :capability");
            parameters.and("capability", c);
        });
        Sort newestFirst = Sort.descending("detectedAt").and("id");
        return (conditions.isEmpty() ? findAll(newestFirst)
                : find(String.join(" and ", conditions), newestFirst, parameters))
                .page(0, limit).list();
    }

    /**
     * The oldest anomalies whose event is not yet acknowledged, locked until the transaction ends so that two
     * instances never publish the same one at once. Call in a transaction.
     */
    public Uni<List<Anomaly>> lockUnpublished(int limit) {
        return find("publishedAt is null", Sort.ascending("detectedAt"))
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .page(0, limit).list();
    }
}
