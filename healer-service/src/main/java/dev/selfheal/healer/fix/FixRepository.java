package dev.selfheal.healer.fix;

import dev.selfheal.contracts.v1.Capability;
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

    /** Fixes of one problem (service, capability, handler) that are rolled out and being verified. */
    public Uni<List<FixProposal>> verifying(String service, Capability capability, String handler) {
        return list("service = ?1 and capability = ?2 and handler = ?3 and status = ?4", service, capability, handler,
                FixStatus.ROLLED_OUT);
    }

    /** Fixes in a state, oldest change first, at most {@code limit}: the work of the periodic jobs. */
    public Uni<List<FixProposal>> inState(FixStatus status, int limit) {
        return find("status", Sort.ascending("updatedAt"), status).page(0, limit).list();
    }

    /** Proposals still pending whose expiry has passed. */
    public Uni<List<FixProposal>> expired(java.time.Instant now, int limit) {
        return find("status = ?1 and expiresAt <= ?2", Sort.ascending("expiresAt"), FixStatus.PENDING_APPROVAL, now)
                .page(0, limit).list();
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
