package dev.selfheal.detector.anomaly;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** How stored anomalies are published ({@code selfheal.detector.outbox.*}). */
@ConfigMapping(prefix = "selfheal.detector.outbox")
public interface OutboxConfig {

    /** How often the outbox looks for anomalies whose event Kafka has not acknowledged yet. */
    @WithDefault("1s")
    Duration interval();

    /** The most anomalies published in one run. */
    @WithDefault("100")
    @Min(1)
    int batchSize();

    /** How long a run waits for Kafka's acknowledgements before it gives up and retries on the next run. */
    @WithDefault("15s")
    Duration publishTimeout();
}
