package dev.selfheal.docs.fix;

import dev.selfheal.contracts.v1.FixStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class FixRepository implements PanacheRepositoryBase<Fix, String> {

    /** The fix's known state, locked until the transaction ends so that its events merge one at a time. */
    public Uni<Optional<FixState>> lock(String fixId) {
        return findById(fixId, LockModeType.PESSIMISTIC_WRITE).map(fix -> Optional.ofNullable(fix).map(FixRepository::toState));
    }

    /** Inserts or updates the fix. Call inside a transaction, after {@link #lock}. */
    public Uni<Void> save(FixState state, Instant now) {
        return findById(state.fixId()).chain(found -> {
            Fix fix = found == null ? new Fix() : found;
            fix.fixId = state.fixId();
            fix.service = state.service();
            fix.handler = state.handler();
            fix.capability = state.capability();
            fix.anomalyId = state.anomalyId();
            fix.status = state.status().name();
            fix.statusAt = state.statusAt();
            fix.title = state.title();
            fix.diagnosis = state.diagnosis();
            fix.playbook = state.playbook();
            fix.approvedBy = state.approvedBy();
            fix.approvedAt = state.approvedAt();
            fix.rolledOutAt = state.rolledOutAt();
            fix.note = state.note();
            fix.updatedAt = now;
            return found == null ? persist(fix).replaceWithVoid() : Uni.createFrom().voidItem();
        });
    }

    public Uni<List<FixState>> ofService(String service) {
        return find("service", Sort.by("statusAt").and("fixId"), service).list()
                .map(fixes -> fixes.stream().map(FixRepository::toState).toList());
    }

    private static FixState toState(Fix f) {
        return new FixState(f.fixId, f.service, f.handler, f.capability, f.anomalyId, FixStatus.valueOf(f.status),
                f.statusAt, f.title, f.diagnosis, f.playbook, f.approvedBy, f.approvedAt, f.rolledOutAt, f.note);
    }
}
