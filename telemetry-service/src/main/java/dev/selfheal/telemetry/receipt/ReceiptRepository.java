package dev.selfheal.telemetry.receipt;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

@ApplicationScoped
public class ReceiptRepository implements PanacheRepositoryBase<StoredReceipt, String> {

    /** Deletes up to {@code batch} receipts received before {@code cutoff}; answers how many. Call in a transaction. */
    public Uni<Integer> deleteReceivedBefore(Instant cutoff, int batch) {
        return getSession().chain(session -> session.createNativeQuery("delete from {h-schema}receipt where id in ("
                        + "select id from {h-schema}receipt where received_at < :cutoff limit :batch)")
                .setParameter("cutoff", cutoff)
                .setParameter("batch", batch)
                .executeUpdate());
    }
}
