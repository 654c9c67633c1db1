package dev.selfheal.docs.page;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
public class DocumentedServiceRepository implements PanacheRepositoryBase<DocumentedService, String> {

    private final String table;

    public DocumentedServiceRepository(
            @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") Optional<String> schema) {
        this.table = schema.map(s -> s + ".documented_service").orElse("documented_service");
    }

    /** Counts a change to the service's telemetry. Call inside the transaction that made the change. */
    public Uni<Void> telemetryChanged(String service) {
        return bump(service, "telemetry_changes");
    }

    /** Counts a change to the service's fixes. Call inside the transaction that made the change. */
    public Uni<Void> fixChanged(String service) {
        return bump(service, "fix_changes");
    }

    /**
     * The service's row, locked until the transaction ends: concurrent regenerations of one service run one
     * after the other, and a change counted meanwhile is left for the next one.
     */
    public Uni<DocumentedService> lock(String service) {
        return findById(service, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Services whose telemetry or fixes changed since their latest documentation version. */
    public Uni<List<String>> changed() {
        return getSession().chain(session -> session.createSelectionQuery(
                        "select d.service from DocumentedService d where d.telemetryChanges > d.documentedTelemetryChanges "
                                + "or d.fixChanges > d.documentedFixChanges order by d.service", String.class)
                .getResultList());
    }

    public Uni<Long> documentedCount() {
        return count("latestVersion > 0");
    }

    // An upsert, so that the first events of a new service, consumed on two channels at once, do not collide.
    private Uni<Void> bump(String service, String column) {
        return getSession().chain(session -> session.createNativeQuery(
                        "insert into " + table + " (service, " + column + ") values (:service, 1) "
                                + "on conflict (service) do update set " + column + " = " + table + "." + column + " + 1")
                .setParameter("service", service)
                .executeUpdate())
                .replaceWithVoid();
    }
}
