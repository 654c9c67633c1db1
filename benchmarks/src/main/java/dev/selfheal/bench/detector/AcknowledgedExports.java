package dev.selfheal.bench.detector;

import dev.selfheal.workload.shop.TelemetrySink;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A sink that passes everything on and remembers, for each span export, when telemetry-service acknowledged it
 * (its 2xx: the spans stored and in Kafka), when it was sent, and the latest event time it carried (the latest span
 * end). The telemetry behind a finding was ingested by the export that first carried an event at or after the
 * finding's event time.
 */
final class AcknowledgedExports implements TelemetrySink {

    /**
     * One acknowledged export.
     *
     * @param latestEventTime the latest span end it carried
     * @param sentAt          the wall-clock time it was sent (its first attempt)
     * @param acknowledgedAt  the wall-clock time telemetry-service's answer arrived
     */
    record Export(Instant latestEventTime, Instant sentAt, Instant acknowledgedAt) {
    }

    private final TelemetrySink delegate;
    private final List<Export> exports = new ArrayList<>();
    private Instant latest = Instant.MIN;

    AcknowledgedExports(TelemetrySink delegate) {
        this.delegate = delegate;
    }

    @Override
    public void export(ExportTraceServiceRequest request) throws IOException, InterruptedException {
        long maxEnd = Long.MIN_VALUE;
        for (ResourceSpans resource : request.getResourceSpansList()) {
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (Span span : scope.getSpansList()) {
                    maxEnd = Math.max(maxEnd, span.getEndTimeUnixNano());
                }
            }
        }
        Instant sent = Instant.now();
        delegate.export(request);
        Instant acknowledged = Instant.now();
        if (maxEnd != Long.MIN_VALUE) {
            Instant end = Instant.ofEpochSecond(0, maxEnd);
            // Exports go out in order of span end, so the running maximum keeps the list sorted for the search.
            latest = end.isAfter(latest) ? end : latest;
            exports.add(new Export(latest, sent, acknowledged));
        }
    }

    @Override
    public void spec(String service, String version, String openApiJson) throws IOException, InterruptedException {
        delegate.spec(service, version, openApiJson);
    }

    @Override
    public void testReport(String service, String version, String xml) throws IOException, InterruptedException {
        delegate.testReport(service, version, xml);
    }

    /** The first export that carried an event at or after {@code eventTime}; empty if none did. */
    Optional<Export> firstReaching(Instant eventTime) {
        int low = 0;
        int high = exports.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (exports.get(mid).latestEventTime().isBefore(eventTime)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low < exports.size() ? Optional.of(exports.get(low)) : Optional.empty();
    }

    /** The latest event time sent so far. */
    Instant latestEventTime() {
        return latest;
    }

    int size() {
        return exports.size();
    }
}
