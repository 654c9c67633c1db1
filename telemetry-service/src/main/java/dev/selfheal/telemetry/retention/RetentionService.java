package dev.selfheal.telemetry.retention;

import dev.selfheal.telemetry.evidence.spec.SpecRepository;
import dev.selfheal.telemetry.evidence.testreport.TestReportRepository;
import dev.selfheal.telemetry.receipt.ReceiptRepository;
import dev.selfheal.telemetry.trace.SpanRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Enforces {@code selfheal.retention.traces}: deletes spans that started, and receipts received, before now minus
 * the retention; and {@code selfheal.retention.evidence}: deletes superseded test reports and OpenAPI documents
 * received before now minus that. Deletes run in batches of {@code selfheal.retention.batch-size}, one transaction
 * each.
 */
@ApplicationScoped
public class RetentionService {

    private static final Logger LOG = Logger.getLogger(RetentionService.class);

    private final SpanRepository spans;
    private final ReceiptRepository receipts;
    private final TestReportRepository reports;
    private final SpecRepository specs;
    private final RetentionConfig config;

    public RetentionService(SpanRepository spans, ReceiptRepository receipts, TestReportRepository reports,
            SpecRepository specs, RetentionConfig config) {
        this.spans = spans;
        this.receipts = receipts;
        this.reports = reports;
        this.specs = specs;
        this.config = config;
    }

    @Scheduled(every = "${selfheal.retention.interval}", delayed = "${selfheal.retention.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> enforce() {
        Instant now = Instant.now();
        Instant cutoff = now.minus(config.traces());
        return purgeSpans(cutoff)
                .chain(() -> purgeReceipts(cutoff))
                .chain(() -> purgeEvidence(now.minus(config.evidence())))
                .onFailure().invoke(e -> LOG.warnf("retention not enforced: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Deletes every span that started before {@code cutoff}; answers how many. */
    public Uni<Long> purgeSpans(Instant cutoff) {
        return inBatches(() -> spans.deleteStartedBefore(cutoff, config.batchSize()), 0)
                .invoke(deleted -> LOG.debugf("retention: deleted %d spans that started before %s", deleted, cutoff));
    }

    /** Deletes every receipt received before {@code cutoff}; answers how many. */
    public Uni<Long> purgeReceipts(Instant cutoff) {
        return inBatches(() -> receipts.deleteReceivedBefore(cutoff, config.batchSize()), 0)
                .invoke(deleted -> LOG.debugf("retention: deleted %d receipts received before %s", deleted, cutoff));
    }

    /**
     * Deletes the test reports and OpenAPI documents received before {@code cutoff} that newer ones supersede;
     * answers how many.
     */
    public Uni<Long> purgeEvidence(Instant cutoff) {
        return inBatches(() -> reports.deleteSupersededBefore(cutoff, config.batchSize()), 0)
                .chain(deletedReports -> inBatches(() -> specs.deleteSupersededBefore(cutoff, config.batchSize()), 0)
                        .map(deletedSpecs -> deletedReports + deletedSpecs))
                .invoke(deleted -> LOG.debugf("retention: deleted %d superseded test reports and specs received before %s",
                        deleted, cutoff));
    }

    private Uni<Long> inBatches(Supplier<Uni<Integer>> batch, long deletedSoFar) {
        return Panache.withTransaction(batch).chain(deleted -> deleted < config.batchSize()
                ? Uni.createFrom().item(deletedSoFar + deleted)
                : inBatches(batch, deletedSoFar + deleted));
    }
}
