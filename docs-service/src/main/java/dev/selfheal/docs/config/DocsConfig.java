package dev.selfheal.docs.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How docs-service regenerates and publishes documentation ({@code selfheal.docs.*}). */
@ConfigMapping(prefix = "selfheal.docs")
public interface DocsConfig {

    /**
     * How often services whose telemetry changed since their last documentation version are regenerated.
     * Fix events regenerate their service at once and do not wait for this. {@code RegenerationScheduler}'s
     * {@code @Scheduled} reads the same property; declaring it here documents and validates it.
     */
    @WithDefault("10s")
    Duration regenerationInterval();

    /**
     * How long a regeneration waits for Kafka to acknowledge its DocsRegenerated event before reporting the
     * publication as failed (the new version stays stored either way).
     */
    @WithDefault("15s")
    Duration publishTimeout();
}
