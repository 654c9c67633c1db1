package dev.selfheal.docs.messaging;

import dev.selfheal.contracts.v1.EventTypes;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.docs.observation.ObservationService;
import dev.selfheal.platform.messaging.CloudEvents;
import dev.selfheal.platform.messaging.ProcessedEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Records the handler executions of {@code selfheal.telemetry.v1}. Documentation follows on the next scheduled
 * regeneration, so a burst of spans makes one new version, not thousands.
 */
@ApplicationScoped
public class TelemetryConsumer {

    public static final String CHANNEL = "telemetry-in";
    static final String CONSUMER = "docs-telemetry";

    private final ProcessedEvents processed;
    private final ObservationService observations;

    public TelemetryConsumer(ProcessedEvents processed, ObservationService observations) {
        this.processed = processed;
        this.observations = observations;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<SpanRecorded> message) {
        if (!CloudEvents.isFor(message, EventTypes.SPAN_RECORDED)) {
            return CloudEvents.skip(message);
        }
        SpanRecorded span = message.getPayload();
        if (span != null) {
            List<String> problems = EventChecks.problems(span);
            if (!problems.isEmpty()) {
                return Rejections.reject(message, "SpanRecorded", problems);
            }
        }
        return processed.once(CONSUMER, message, observations::record);
    }
}
