package dev.selfheal.detector.engine;

import dev.selfheal.detection.engine.EngineStats;
import dev.selfheal.platform.problem.Problem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/engine")
@Tag(name = "Engine")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class EngineResource {

    private final EngineRuntime runtime;
    private final List<String> detectors;

    public EngineResource(EngineRuntime runtime, DetectorSet detectors) {
        this.runtime = runtime;
        this.detectors = detectors.names();
    }

    @GET
    @Operation(summary = "The detection engine's state",
            description = "Events applied, traces judged, findings, the event time reached and the last checkpoint.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = EngineView.class)))
    public EngineView get() {
        EngineStats stats = runtime.stats();
        return new EngineView(stats.events(), stats.tracesCompleted(), stats.openTraces(), stats.findingsRaised(),
                stats.findingsSuppressed(), stats.watermark(), runtime.lastCheckpoint(), detectors, runtime.halted());
    }
}
