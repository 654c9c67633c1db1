package dev.selfheal.docs.messaging;

import dev.selfheal.contracts.v1.SpanRecorded;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

public class SpanRecordedDeserializer extends ObjectMapperDeserializer<SpanRecorded> {

    public SpanRecordedDeserializer() {
        super(SpanRecorded.class);
    }
}
