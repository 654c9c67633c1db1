package dev.selfheal.detector.engine;

import dev.selfheal.detector.incident.IncidentService;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * The engine's clockwork: moves event time on while traffic is idle, saves checkpoints, and resolves incidents
 * that went quiet.
 */
@ApplicationScoped
public class EngineScheduler {

    private static final Logger LOG = Logger.getLogger(EngineScheduler.class);

    private final EngineRuntime runtime;
    private final IncidentService incidents;

    public EngineScheduler(EngineRuntime runtime, IncidentService incidents) {
        this.runtime = runtime;
        this.incidents = incidents;
    }

    @Scheduled(every = "${selfheal.detector.engine.tick-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        return runtime.ready()
                .chain(() -> incidents.record(runtime.tick(Instant.now()), runtime.watermark()))
                .onFailure().invoke(e -> LOG.warnf("findings of an idle tick not stored: %s", e.toString()))
                .onFailure().recoverWithNull();
    }

    @Scheduled(every = "${selfheal.detector.engine.checkpoint-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> checkpoint() {
        return runtime.ready().chain(runtime::checkpoint)
                .onFailure().invoke(e -> LOG.warnf("checkpoint not saved, retrying on the next run: %s", e.toString()))
                .onFailure().recoverWithNull();
    }

    @Scheduled(every = "${selfheal.detector.incidents.resolve-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> resolveQuiet() {
        return runtime.ready().chain(() -> incidents.resolveQuiet(runtime.watermark()))
                .onFailure().invoke(e -> LOG.warnf("quiet incidents not resolved yet: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
