package dev.selfheal.telemetry.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
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

    private static final Header SPEC_VERSION_HEADER = new RecordHeader("ce_specversion", bytes(SPEC_VERSION));
    /** Sources and types are few: their headers are made once and shared by every record (Kafka only reads them). */
    private static final Map<String, Header> SOURCES = new ConcurrentHashMap<>();
    private static final Map<String, Header> TYPES = new ConcurrentHashMap<>();

    static Headers of(String id, String type, String source) {
        return new RecordHeaders(new Header[] {SPEC_VERSION_HEADER, new RecordHeader("ce_id", bytes(id)),
                SOURCES.computeIfAbsent(source, s -> new RecordHeader("ce_source", bytes(s))),
                TYPES.computeIfAbsent(type, t -> new RecordHeader("ce_type", bytes(t)))});
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
