package dev.selfheal.docs.messaging;

import dev.selfheal.contracts.v1.FixEvent;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

public class FixEventDeserializer extends ObjectMapperDeserializer<FixEvent> {

    public FixEventDeserializer() {
        super(FixEvent.class);
    }
}
