package dev.selfheal.telemetry.evidence;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits of the evidence CI sends ({@code selfheal.evidence.*}): test reports ({@code POST /api/test-reports}) and
 * OpenAPI documents ({@code POST /api/specs}). Timing is shared with {@code selfheal.ingest.*}.
 */
@ConfigMapping(prefix = "selfheal.evidence")
public interface EvidenceConfig {

    /**
     * Largest test report accepted; larger gets 413. JaCoCo reports of large code bases run to megabytes. Keep it
     * below {@code quarkus.http.limits.max-body-size} so the client gets a problem+json naming this limit.
     */
    @WithDefault("8M")
    MemorySize maxReportSize();

    /** Largest OpenAPI document accepted; larger gets 413. */
    @WithDefault("2M")
    MemorySize maxSpecSize();

    /**
     * Largest JSON payload of one published event. A report or document whose events would be larger is split
     * into parts. Keep it well below the producer's {@code max.request.size} and the topic's
     * {@code max.message.bytes} (both 1 MB by default): CloudEvent headers and the record's framing come on top.
     */
    @WithDefault("512K")
    MemorySize maxEventSize();
}
