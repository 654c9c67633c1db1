package dev.selfheal.healer.fix;

import dev.selfheal.contracts.v1.FixStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class FixRepository implements PanacheRepositoryBase<FixProposal, String> {

    public Uni<FixProposal> findByAnomaly(String anomalyId) {
        return find("anomalyId", anomalyId).firstResult();
    }

    /** The fix, locked against concurrent decisions until the transaction ends; null when unknown. */
    public Uni<FixProposal> lock(String id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Fixes newest first, optionally only those in one state and of one service. */
    public Uni<List<FixProposal>> search(FixStatus status, String service, int limit) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (status != null) {
            where.add("status = :status");
            parameters.and("status", status);
        }
        if (service != null) {
            where.add("service = :service");
            parameters.and("service", service);
        }
        Sort newestFirst = Sort.descending("createdAt").and("id");
        var query = where.isEmpty() ? findAll(newestFirst)
                : find(String.join(" and ", where), newestFirst, parameters);
        return query.page(0, limit).list();
    }
}
