package dev.selfheal.detector.messaging;

import dev.selfheal.contracts.v1.FixEvent;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** Reads healer-service's fix transitions from {@code selfheal.fixes.v1}. */
public class FixOutcomeDeserializer extends ObjectMapperDeserializer<FixEvent> {

    public FixOutcomeDeserializer() {
        super(FixEvent.class);
    }
}
