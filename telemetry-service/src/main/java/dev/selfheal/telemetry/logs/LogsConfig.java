package dev.selfheal.telemetry.logs;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of {@code POST /api/logs} ({@code selfheal.logs.*}); timing is shared with {@code selfheal.ingest.*}. */
@ConfigMapping(prefix = "selfheal.logs")
public interface LogsConfig {

    /**
     * Largest body accepted; larger gets 413. Keep it below {@code quarkus.http.limits.max-body-size} so the
     * client gets a problem+json naming the limit rather than the server's bare 413.
     */
    @WithDefault("4M")
    MemorySize maxBodySize();

    /** Most non-blank lines in one request; more get 400. Mining runs on the request's thread, so this bounds it. */
    @WithDefault("20000")
    int maxLines();
}
