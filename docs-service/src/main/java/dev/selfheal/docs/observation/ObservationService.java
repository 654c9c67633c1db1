package dev.selfheal.docs.observation;

import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.docs.page.DocumentedServiceRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Records observed handler executions and marks their service's documentation as due. */
@ApplicationScoped
public class ObservationService {

    private final ExecutionRepository executions;
    private final DocumentedServiceRepository documented;

    public ObservationService(ExecutionRepository executions, DocumentedServiceRepository documented) {
        this.executions = executions;
        this.documented = documented;
    }

    /** Runs inside the consumer's transaction (see ProcessedEvents). */
    public Uni<Void> record(SpanRecorded span) {
        return executions.record(span, Instant.now()).chain(() -> documented.telemetryChanged(span.service()));
    }
}
