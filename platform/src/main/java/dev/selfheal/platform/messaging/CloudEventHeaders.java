package dev.selfheal.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The Kafka headers of a CloudEvent in binary content mode, for a producer that writes records itself rather than
 * through {@link CloudEvents#message}: each attribute a {@code ce_}-prefixed header, as the CloudEvents Kafka binding
 * (1.0) lays them out and as the SmallRye connector and {@link CloudEvents} read them. Only the required attributes
 * travel (specversion, id, source, type): every contract record carries its own time, and its data is always JSON.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";

    private static final Header SPEC_VERSION_1_0 = new RecordHeader(SPEC_VERSION, bytes("1.0"));
    /** Sources and types are few: their headers are made once and shared by every record (Kafka only reads them). */
    private static final Map<String, Header> SOURCES = new ConcurrentHashMap<>();
    private static final Map<String, Header> TYPES = new ConcurrentHashMap<>();

    private CloudEventHeaders() {
    }

    public static Headers of(String id, String type, String source) {
        return new RecordHeaders(new Header[] {SPEC_VERSION_1_0, new RecordHeader(ID, bytes(id)),
                SOURCES.computeIfAbsent(source, s -> new RecordHeader(SOURCE, bytes(s))),
                TYPES.computeIfAbsent(type, t -> new RecordHeader(TYPE, bytes(t)))});
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
