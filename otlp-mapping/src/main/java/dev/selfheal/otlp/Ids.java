package dev.selfheal.otlp;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.HexFormat;

/** OTLP's binary ids and nanosecond timestamps as Selfheal's events carry them. */
final class Ids {

    static final int TRACE_ID_BYTES = 16;
    static final int SPAN_ID_BYTES = 8;

    private Ids() {
    }

    static String hex(ByteString id) {
        return HexFormat.of().formatHex(id.toByteArray());
    }

    /** Valid: the expected length and not all zeros (OpenTelemetry's invalid id). */
    static boolean valid(ByteString id, int bytes) {
        if (id.size() != bytes) {
            return false;
        }
        for (int i = 0; i < bytes; i++) {
            if (id.byteAt(i) != 0) {
                return true;
            }
        }
        return false;
    }

    /** OTLP times are unsigned 64-bit nanoseconds since the epoch. */
    static Instant instant(long unixNanos) {
        return Instant.ofEpochSecond(Long.divideUnsigned(unixNanos, 1_000_000_000L),
                Long.remainderUnsigned(unixNanos, 1_000_000_000L));
    }
}
