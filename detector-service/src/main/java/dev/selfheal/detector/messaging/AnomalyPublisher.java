package dev.selfheal.detector.messaging;

import dev.selfheal.contracts.v1.AnomalyDetected;
import dev.selfheal.contracts.v1.EventTypes;
import dev.selfheal.platform.messaging.CloudEvents;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes anomalies on {@code selfheal.anomalies.v1}, keyed by service and handler so that one handler's
 * anomalies stay in order; the returned Uni completes once Kafka has acknowledged.
 */
@ApplicationScoped
public class AnomalyPublisher {

    public static final String CHANNEL = "anomalies-out";
    static final String SOURCE = "/selfheal/detector-service";

    private final MutinyEmitter<AnomalyDetected> emitter;

    public AnomalyPublisher(@Channel(CHANNEL) MutinyEmitter<AnomalyDetected> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(AnomalyDetected anomaly) {
        return emitter.sendMessage(CloudEvents.message(anomaly, anomaly.anomalyId(), EventTypes.ANOMALY_DETECTED,
                SOURCE, anomaly.service() + "/" + anomaly.handler(), anomaly.detectedAt()));
    }
}
