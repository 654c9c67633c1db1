package dev.selfheal.detector.silence;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A request to silence matching incidents for a while.
 *
 * @param capability only this capability's incidents; empty for any
 * @param service    only this service's; empty for any
 * @param handler    only this handler's; empty for any
 * @param signature  only this signature's; empty for any
 * @param duration   for how long, ISO-8601 ({@code PT2H}); up to 30 days
 * @param reason     why, for whoever sees the silenced incidents
 */
@Schema(description = "Silence matching incidents for a while: at least one matcher, a duration and a reason")
public record SilenceRequest(
        @Schema(description = "Only this capability's incidents", examples = "PERFORMANCE") String capability,
        @Schema(description = "Only this service's incidents", examples = "checkout") String service,
        @Schema(description = "Only this handler's incidents", examples = "POST /orders") String handler,
        @Schema(description = "Only this signature's incidents", examples = "latency") String signature,
        @Schema(description = "For how long, ISO-8601, up to 30 days", examples = "PT2H", required = true) String duration,
        @Schema(description = "Why", examples = "load test until 16:00", required = true) String reason) {
}
