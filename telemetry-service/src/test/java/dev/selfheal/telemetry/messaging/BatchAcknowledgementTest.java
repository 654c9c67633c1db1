package dev.selfheal.telemetry.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class BatchAcknowledgementTest {

    @Test
    void completesOnlyWhenEveryRecordIsAcknowledged() {
        BatchAcknowledgement ack = new BatchAcknowledgement(3);
        CompletableFuture<Void> done = ack.completion().toCompletableFuture();

        ack.onCompletion(null, null);
        ack.onCompletion(null, null);
        assertThat(done).isNotDone();

        ack.onCompletion(null, null);
        assertThat(done).isCompleted();
        assertThat(ack.failed()).isFalse();
    }

    @Test
    void failsWithTheFirstRefusalAndIgnoresLaterAcknowledgements() {
        BatchAcknowledgement ack = new BatchAcknowledgement(2);
        TimeoutException refusal = new TimeoutException("no broker");

        ack.onCompletion(null, refusal);
        ack.onCompletion(null, null);
        ack.onCompletion(null, new IllegalStateException("later"));

        assertThat(ack.failed()).isTrue();
        assertThatThrownBy(() -> ack.completion().toCompletableFuture().get())
                .isInstanceOf(ExecutionException.class).hasCause(refusal);
    }

    @Test
    void anEmptyBatchIsRefused() {
        assertThatThrownBy(() -> new BatchAcknowledgement(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
