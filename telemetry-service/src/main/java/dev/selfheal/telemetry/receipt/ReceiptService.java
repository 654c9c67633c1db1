package dev.selfheal.telemetry.receipt;

import dev.selfheal.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Stores a receipt for every ingest request, accepted or refused. A receipt that cannot be stored (the database
 * is away) never changes the answer: the events' fate is decided by Kafka, the receipt only reports it; the
 * response then simply carries no receipt id.
 */
@ApplicationScoped
public class ReceiptService {

    private static final Logger LOG = Logger.getLogger(ReceiptService.class);
    private static final int MAX_REASONS = 20;
    private static final int MAX_REASON_LENGTH = 500;

    private final ReceiptRepository receipts;

    public ReceiptService(ReceiptRepository receipts) {
        this.receipts = receipts;
    }

    /** Records a batch that was answered {@code status}; the stored receipt's id, or null when it could not be stored. */
    public Uni<String> accepted(String endpoint, Collection<String> services, int status, int accepted, int rejected,
            List<String> reasons) {
        StoredReceipt r = new StoredReceipt();
        r.id = UUID.randomUUID().toString();
        r.endpoint = endpoint;
        r.services = String.join("\n", services.stream().map(ReceiptService::oneLine).distinct().sorted().toList());
        r.receivedAt = Instant.now();
        r.status = status;
        r.accepted = accepted;
        r.rejected = rejected;
        r.reasons = String.join("\n", reasons.stream().limit(MAX_REASONS).map(ReceiptService::oneLine).toList());
        return receipts.insert(r)
                .map(stored -> r.id)
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("no receipt stored for a batch on %s (status %d): %s", endpoint, status, e.toString());
                    return null;
                });
    }

    /**
     * Answers an ingest request: 202 with the batch's answer and its receipt once {@code work} succeeded, or its
     * problem+json with the receipt of the refusal. Either way the receipt id is in the {@code Selfheal-Receipt}
     * header.
     *
     * @param itemsSent how many items the request held, for the receipt of a refused batch
     */
    public <R extends Receipted<R>> Uni<Response> answer(String endpoint, Collection<String> services, int itemsSent,
            Uni<R> work) {
        return work
                .chain(receipt -> accepted(endpoint, services, 202, receipt.receiptedItems(), 0, List.of())
                        .map(id -> Receipts.stamp(Response.accepted(receipt.withReceiptId(id)), id)))
                .onFailure(ProblemException.class)
                .recoverWithUni(e -> refused(endpoint, services, (ProblemException) e, itemsSent));
    }

    /** Records a refused batch and answers its problem+json with the receipt header. */
    public Uni<Response> refused(String endpoint, Collection<String> services, ProblemException problem, int rejected) {
        List<String> reasons = new ArrayList<>();
        reasons.add(problem.getMessage());
        problem.errors().forEach(error -> reasons.add(error.field() + ": " + error.message()));
        return accepted(endpoint, services, problem.kind().status(), 0, rejected, reasons)
                .map(id -> Receipts.stamp(Receipts.problem(problem), id));
    }

    public Uni<ReceiptView> find(String id) {
        return Panache.withSession(() -> receipts.findById(id)).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("no receipt " + id + " is stored");
            }
            return ReceiptView.of(found);
        });
    }

    private static String oneLine(String text) {
        String flat = text.replace('\n', ' ').replace('\r', ' ');
        return flat.length() > MAX_REASON_LENGTH ? flat.substring(0, MAX_REASON_LENGTH) + "..." : flat;
    }
}
