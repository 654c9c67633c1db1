package dev.selfheal.telemetry.messaging;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The Kafka headers of a CloudEvent in binary content mode, as the CloudEvents Kafka protocol binding (1.0) lays
 * them out: each attribute a {@code ce_}-prefixed header, as the SmallRye connector writes and reads them. Only the
 * required attributes travel (specversion, id, source, type): the optional {@code time} and {@code datacontenttype}
 * would add two headers to every record on the busiest topic, the data is always JSON, and every contract record
 * carries its own time.
 */
final class CloudEventHeaders {

    static final String SPEC_VERSION = "1.0";

    private CloudEventHeaders() {
    }

    static Headers of(String id, String type, String source) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", bytes(SPEC_VERSION));
        headers.add("ce_id", bytes(id));
        headers.add("ce_source", bytes(source));
        headers.add("ce_type", bytes(type));
        return headers;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
