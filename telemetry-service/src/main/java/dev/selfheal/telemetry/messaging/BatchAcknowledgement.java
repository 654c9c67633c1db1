package dev.selfheal.telemetry.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Completes once Kafka acknowledged every record of a batch, or fails with the first record it refused. One
 * instance is the callback of all the batch's sends.
 */
final class BatchAcknowledgement implements Callback {

    private final AtomicInteger outstanding;
    private final CompletableFuture<Void> completion = new CompletableFuture<>();

    BatchAcknowledgement(int records) {
        if (records <= 0) {
            throw new IllegalArgumentException("a batch holds at least one record");
        }
        this.outstanding = new AtomicInteger(records);
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        if (exception != null) {
            completion.completeExceptionally(exception);
        } else if (outstanding.decrementAndGet() == 0) {
            completion.complete(null);
        }
    }

    /** Whether a record of the batch was refused already. */
    boolean failed() {
        return completion.isCompletedExceptionally();
    }

    CompletionStage<Void> completion() {
        return completion;
    }
}
