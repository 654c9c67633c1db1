package dev.selfheal.healer.messaging;

import dev.selfheal.contracts.v1.AnomalyDetected;
import dev.selfheal.contracts.v1.EventTypes;
import dev.selfheal.healer.fix.FixService;
import dev.selfheal.platform.messaging.CloudEvents;
import dev.selfheal.platform.messaging.ProcessedEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Turns each anomaly on {@code selfheal.anomalies.v1} into a fix proposal, once per event id. */
@ApplicationScoped
public class AnomalyConsumer {

    public static final String CHANNEL = "anomalies-in";
    static final String CONSUMER = "healer-proposals";

    private final ProcessedEvents processed;
    private final FixService fixes;

    public AnomalyConsumer(ProcessedEvents processed, FixService fixes) {
        this.processed = processed;
        this.fixes = fixes;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<AnomalyDetected> message) {
        if (!CloudEvents.isFor(message, EventTypes.ANOMALY_DETECTED)) {
            return CloudEvents.skip(message);
        }
        return processed.once(CONSUMER, message, fixes::propose);
    }
}
