package dev.selfheal.healer.messaging;

import dev.selfheal.contracts.v1.AnomalyDetected;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** Reads the JSON data of {@code dev.selfheal.anomaly.detected} CloudEvents. */
public class AnomalyDetectedDeserializer extends ObjectMapperDeserializer<AnomalyDetected> {

    public AnomalyDetectedDeserializer() {
        super(AnomalyDetected.class);
    }
}
