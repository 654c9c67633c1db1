package dev.selfheal.telemetry.receipt;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
public class ReceiptRepository implements PanacheRepositoryBase<StoredReceipt, String> {

    private final Pool pool;
    private final String insertSql;

    public ReceiptRepository(Pool pool,
            @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        this.pool = pool;
        this.insertSql = "insert into " + schema + ".receipt (id, endpoint, services, received_at, status, accepted,"
                + " rejected, reasons) values ($1, $2, $3, $4, $5, $6, $7, $8)";
    }

    /**
     * Stores a receipt in one statement of its own. Every ingest request stores one, so this path skips Hibernate's
     * session and persistence context, which cost as much per request as mapping hundreds of spans.
     */
    public Uni<Void> insert(StoredReceipt r) {
        Tuple row = Tuple.tuple().addString(r.id).addString(r.endpoint).addString(r.services)
                .addOffsetDateTime(r.receivedAt.atOffset(ZoneOffset.UTC)).addInteger(r.status)
                .addInteger(r.accepted).addInteger(r.rejected).addString(r.reasons);
        return pool.preparedQuery(insertSql).execute(row).replaceWithVoid();
    }

    /** Deletes up to {@code batch} receipts received before {@code cutoff}; answers how many. Call in a transaction. */
    public Uni<Integer> deleteReceivedBefore(Instant cutoff, int batch) {
        return getSession().chain(session -> session.createNativeQuery("delete from {h-schema}receipt where id in ("
                        + "select id from {h-schema}receipt where received_at < :cutoff limit :batch)")
                .setParameter("cutoff", cutoff)
                .setParameter("batch", batch)
                .executeUpdate());
    }
}
