package dev.selfheal.telemetry.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long stored telemetry is kept ({@code selfheal.retention.*}). */
@ConfigMapping(prefix = "selfheal.retention")
public interface RetentionConfig {

    /**
     * How long spans are kept, counted from their start, and receipts, counted from when they were received.
     * Older ones are deleted by the retention job.
     */
    @WithDefault("7d")
    Duration traces();

    /**
     * How long superseded CI evidence is kept, counted from when it was received: a test report once a newer one
     * of the same service, version and format exists, an OpenAPI document once its service sent one for a later
     * version. The latest of each is kept whatever its age, since coverage and documentation are judged against it.
     */
    @WithDefault("90d")
    Duration evidence();

    /** How often the retention job runs; the first run is one interval after start. */
    @WithDefault("10m")
    Duration interval();

    /**
     * Most rows deleted per transaction: a large backlog is deleted in many short transactions, so ingestion never
     * waits behind one long delete.
     */
    @WithDefault("5000")
    int batchSize();
}
