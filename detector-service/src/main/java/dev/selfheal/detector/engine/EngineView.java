package dev.selfheal.detector.engine;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the detection engine is doing. */
@Schema(description = "The detection engine's state")
public record EngineView(
        @Schema(description = "Events applied since the engine started learning (across restarts)") long events,
        @Schema(description = "Traces assembled and judged") long tracesCompleted,
        @Schema(description = "Traces still collecting spans") int openTraces,
        @Schema(description = "Findings raised") long findingsRaised,
        @Schema(description = "Findings held back by people's false-positive verdicts") long findingsSuppressed,
        @Schema(description = "The engine's event time: the latest telemetry time seen") Instant watermark,
        @Schema(description = "When the engine's state was last saved") Instant lastCheckpoint,
        @Schema(description = "The detectors that run") List<String> detectors,
        @Schema(description = "Why detection halted, when it did (the service must be restarted)") String halted) {
}
