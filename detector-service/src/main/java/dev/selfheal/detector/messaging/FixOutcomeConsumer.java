package dev.selfheal.detector.messaging;

import dev.selfheal.contracts.v1.FixEvent;
import dev.selfheal.contracts.v1.FixStatus;
import dev.selfheal.detector.incident.IncidentService;
import dev.selfheal.platform.messaging.CloudEvents;
import dev.selfheal.platform.messaging.ProcessedEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Learns from the outcomes of fixes on {@code selfheal.fixes.v1}: a fix that was verified, rolled back or failed
 * answered a real problem, so its incident is confirmed (the same problem opens one severity level higher should
 * it come back), unless a person already judged it. Other transitions are skipped.
 */
@ApplicationScoped
public class FixOutcomeConsumer {

    public static final String CHANNEL = "fixes-in";
    static final String CONSUMER = "detector-fix-outcomes";
    static final Set<FixStatus> OUTCOMES = EnumSet.of(FixStatus.VERIFIED, FixStatus.ROLLED_BACK, FixStatus.FAILED);

    private final ProcessedEvents processed;
    private final IncidentService incidents;

    public FixOutcomeConsumer(ProcessedEvents processed, IncidentService incidents) {
        this.processed = processed;
        this.incidents = incidents;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<FixEvent> message) {
        FixEvent event = message.getPayload();
        if (event != null && (!OUTCOMES.contains(event.status()) || event.incidentId() == null)) {
            return CloudEvents.skip(message);
        }
        return processed.once(CONSUMER, message, incidents::fixOutcome);
    }
}
