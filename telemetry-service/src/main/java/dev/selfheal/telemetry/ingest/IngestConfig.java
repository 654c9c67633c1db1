package dev.selfheal.telemetry.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits and timing of ingestion ({@code selfheal.ingest.*}). */
@ConfigMapping(prefix = "selfheal.ingest")
public interface IngestConfig {

    /** Most handler executions accepted in one request; larger batches get 400. */
    @WithDefault("5000")
    int maxBatchItems();

    /** How long a request waits for Kafka to acknowledge its events before it is answered 503. */
    @WithDefault("15s")
    Duration publishTimeout();

    /** The Retry-After a 503 advises. */
    @WithDefault("5s")
    Duration retryAfter();
}
