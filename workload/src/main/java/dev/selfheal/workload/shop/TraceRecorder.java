package dev.selfheal.workload.shop;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Records the spans of one request as it is simulated. A single cursor holds the simulated time: work and calls
 * advance it, a span starts where the cursor is when it is opened and ends where it is when it is closed, so
 * children always lie within their parent and a handler's calls follow each other as they would in a
 * synchronous service.
 */
final class TraceRecorder {

    private static final HexFormat HEX = HexFormat.of();

    private final RandomGenerator random;
    private final String traceId;
    private final List<SpanRecord> finished = new ArrayList<>();
    private long now;

    TraceRecorder(RandomGenerator random, long startNanos) {
        this.random = random;
        this.traceId = id(16);
        this.now = startNanos;
    }

    long now() {
        return now;
    }

    /** Moves the cursor on by a duration in milliseconds. */
    void advance(double ms) {
        now += Math.max(0, Math.round(ms * 1_000_000));
    }

    Open open(String service, String version, String name, SpanRecord.Kind kind, Open parent) {
        return new Open(service, version, id(8), parent == null ? null : parent.spanId, name, kind, now);
    }

    List<SpanRecord> spans() {
        return finished;
    }

    String traceId() {
        return traceId;
    }

    private String id(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        raw[0] |= 1; // an all-zero id is invalid in OpenTelemetry
        return HEX.formatHex(raw);
    }

    /** A span being recorded; {@link #close()} ends it at the cursor. */
    final class Open {
        final String service;
        final String version;
        final String spanId;
        private final String parentSpanId;
        private final String name;
        private final SpanRecord.Kind kind;
        private final long start;
        private final Map<String, Object> attributes = new LinkedHashMap<>();
        private final List<SpanRecord.Event> events = new ArrayList<>();
        private boolean error;
        private String statusMessage;

        private Open(String service, String version, String spanId, String parentSpanId, String name,
                SpanRecord.Kind kind, long start) {
            this.service = service;
            this.version = version;
            this.spanId = spanId;
            this.parentSpanId = parentSpanId;
            this.name = name;
            this.kind = kind;
            this.start = start;
        }

        Open attribute(String key, Object value) {
            attributes.put(key, value);
            return this;
        }

        Open attributes(Map<String, Object> values) {
            attributes.putAll(values);
            return this;
        }

        /** Adds an event at the cursor. */
        void event(String eventName, Map<String, Object> eventAttributes) {
            events.add(new SpanRecord.Event(eventName, now, eventAttributes));
        }

        void fail(String message) {
            error = true;
            statusMessage = message;
        }

        boolean failed() {
            return error;
        }

        void close() {
            finished.add(new SpanRecord(service, version, traceId, spanId, parentSpanId, name, kind, start, now, error,
                    statusMessage, Collections.unmodifiableMap(new LinkedHashMap<>(attributes)), List.copyOf(events)));
        }
    }
}
