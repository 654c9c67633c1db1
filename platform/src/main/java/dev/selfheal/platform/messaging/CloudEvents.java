package dev.selfheal.platform.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Builds and reads the CloudEvents that carry Selfheal's contracts over Kafka (binary mode: the payload is the
 * event data, the attributes are {@code ce_} headers).
 */
public final class CloudEvents {

    private CloudEvents() {
    }

    /**
     * A message carrying {@code payload} as a CloudEvent.
     *
     * @param id     the event id consumers deduplicate on; derive it from the payload so a resend keeps it
     * @param type   the CloudEvent type, from {@code EventTypes}
     * @param source the producing service, e.g. {@code /selfheal/telemetry-service}
     * @param key    the Kafka record key, which decides ordering (events with one key stay in order)
     */
    public static <T> Message<T> message(T payload, String id, String type, String source, String key, Instant time) {
        OutgoingCloudEventMetadata<T> ce = OutgoingCloudEventMetadata.<T>builder()
                .withId(id)
                .withType(type)
                .withSource(URI.create(source))
                .withTimestamp(time.atZone(ZoneOffset.UTC))
                .build();
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build();
        return Message.of(payload, Metadata.of(ce, kafka));
    }

    /** The id of an incoming CloudEvent, from its metadata or, failing that, its raw {@code ce_id} header. */
    public static Optional<String> id(Message<?> message) {
        Optional<String> fromMetadata = message.getMetadata(IncomingCloudEventMetadata.class)
                .map(IncomingCloudEventMetadata::getId);
        return fromMetadata.isPresent() ? fromMetadata : header(message, CloudEventHeaders.ID);
    }

    /** The type of an incoming CloudEvent, from its metadata or, failing that, its raw {@code ce_type} header. */
    public static Optional<String> type(Message<?> message) {
        Optional<String> fromMetadata = message.getMetadata(IncomingCloudEventMetadata.class)
                .map(IncomingCloudEventMetadata::getType);
        return fromMetadata.isPresent() ? fromMetadata : header(message, CloudEventHeaders.TYPE);
    }

    /**
     * Whether a consumer of {@code type} should handle this message. A topic carries several event types (the
     * telemetry topic carries spans, logs, errors...): a consumer acknowledges and skips the others. A message
     * without a type is handled, so that a producer that sets no type is not silently ignored.
     */
    public static boolean isFor(Message<?> message, String type) {
        return type(message).map(type::equals).orElse(true);
    }

    /** Acknowledges a message this consumer does not handle. */
    public static Uni<Void> skip(Message<?> message) {
        return Uni.createFrom().completionStage(message.ack());
    }

    private static Optional<String> header(Message<?> message, String name) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(kafka -> kafka.getHeaders().lastHeader(name))
                .map(Header::value)
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }
}
