package dev.selfheal.detector.messaging;

import dev.selfheal.contracts.v1.SpanRecorded;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** Reads the JSON data of {@code selfheal.telemetry.v1} CloudEvents. */
public class SpanRecordedDeserializer extends ObjectMapperDeserializer<SpanRecorded> {

    public SpanRecordedDeserializer() {
        super(SpanRecorded.class);
    }
}
