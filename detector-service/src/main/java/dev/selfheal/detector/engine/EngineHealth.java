package dev.selfheal.detector.engine;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Down once detection halted (a batch could not be settled): a restart resumes from the last checkpoint. */
@Liveness
@ApplicationScoped
public class EngineHealth implements HealthCheck {

    private final EngineRuntime runtime;

    public EngineHealth(EngineRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public HealthCheckResponse call() {
        String halted = runtime.halted();
        return HealthCheckResponse.named("detection-engine").status(halted == null)
                .withData("halted", halted == null ? "no" : halted)
                .withData("lastCheckpoint", String.valueOf(runtime.lastCheckpoint()))
                .build();
    }
}
