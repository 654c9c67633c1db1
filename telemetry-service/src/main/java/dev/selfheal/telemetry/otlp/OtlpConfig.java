package dev.selfheal.telemetry.otlp;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the OTLP/HTTP endpoints ({@code selfheal.otlp.*}); timing is shared with {@code selfheal.ingest.*}. */
@ConfigMapping(prefix = "selfheal.otlp")
public interface OtlpConfig {

    /**
     * Largest OTLP body accepted, checked both as received and after gzip inflation (so a small compressed body
     * cannot expand without bound); larger bodies get 413. Keep it below {@code quarkus.http.limits.max-body-size}
     * so the client gets an OTLP status rather than the server's bare 413.
     */
    @WithDefault("8M")
    MemorySize maxBodySize();

    /** Most spans, or log records, in one export request; more get 413. */
    @WithDefault("20000")
    int maxItems();
}
