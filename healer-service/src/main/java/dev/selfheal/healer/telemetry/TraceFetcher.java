package dev.selfheal.healer.telemetry;

import dev.selfheal.contracts.v1.AnomalyDetected;
import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.SpanKind;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.SpanStatus;
import dev.selfheal.healing.diagnosis.TraceSample;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Gathers the traces a diagnosis reads from telemetry-service: the anomaly's example traces and recent traces of its
 * handler (observed), and traces of the same handler from before the problem (baseline). Telemetry that cannot be
 * reached gives an empty sample, never a failed proposal: the diagnosis then says it rests on the evidence alone.
 */
@ApplicationScoped
public class TraceFetcher {

    /** The evidence detail with the problem's onset in event time (detector-service writes it). */
    static final String ONSET = "onset";

    private static final Logger LOG = Logger.getLogger(TraceFetcher.class);

    private final TelemetryApi telemetry;
    private final TraceSampleConfig config;

    public TraceFetcher(@RestClient TelemetryApi telemetry, TraceSampleConfig config) {
        this.telemetry = telemetry;
        this.config = config;
    }

    public Uni<TraceSample> sample(AnomalyDetected anomaly) {
        // The problem's start in the telemetry's own time (the detector's onset), else the last minute before the
        // announcement: observed traces come after it, baseline traces before it.
        Instant detected = anomaly.detectedAt() == null ? Instant.now() : anomaly.detectedAt();
        Instant start = onset(anomaly).orElse(detected.minus(config.observedWindow()));
        // A dependency anomaly's handler is the called target, not a span name: read the calling service's traces.
        String handler = anomaly.capability() == Capability.DEPENDENCY ? null : anomaly.handler();
        Instant observedFrom = start;
        Instant observedTo = start.plus(config.observedWindow());
        Instant baselineTo = start.minus(config.baselineGap());
        Instant baselineFrom = baselineTo.minus(config.baselineWindow());
        Uni<List<String>> observedIds = ids(anomaly.service(), handler, observedFrom, observedTo, config.traces())
                .map(recent -> {
                    Set<String> ids = new LinkedHashSet<>();
                    if (anomaly.evidence() != null) {
                        anomaly.evidence().exampleTraceIds().forEach(ids::add);
                    }
                    ids.addAll(recent);
                    return ids.stream().limit(config.traces()).toList();
                });
        Uni<List<String>> baselineIds = ids(anomaly.service(), handler, baselineFrom, baselineTo, config.traces());
        return Uni.combine().all().unis(observedIds, baselineIds).asTuple()
                .chain(ids -> Uni.combine().all().unis(traces(ids.getItem1()), traces(ids.getItem2())).asTuple())
                .map(t -> new TraceSample(t.getItem1(), t.getItem2()));
    }

    /** The onset detector-service puts in the evidence, if it is there and readable. */
    static Optional<Instant> onset(AnomalyDetected anomaly) {
        String value = anomaly.evidence() == null ? null : anomaly.evidence().details().get(ONSET);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private Uni<List<String>> ids(String service, String handler, Instant from, Instant to, int limit) {
        return telemetry.find(service, handler, from.toString(), to.toString(), limit)
                .map(spans -> spans.stream().map(TelemetryApi.Span::traceId).distinct().toList())
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("traces of %s %s could not be listed: %s", service, handler, e.toString());
                    return List.of();
                });
    }

    /** Reads the traces a few at a time; one that cannot be read is left out. */
    private Uni<List<List<SpanRecorded>>> traces(List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Multi.createFrom().iterable(ids)
                .onItem().transformToUni(id -> telemetry.trace(id)
                        .map(trace -> trace.spans().stream().map(TraceFetcher::span).toList())
                        .onFailure().recoverWithItem(e -> List.<SpanRecorded>of()))
                .merge(config.concurrency())
                .filter(spans -> !spans.isEmpty())
                .collect().asList();
    }

    static SpanRecorded span(TelemetryApi.Span s) {
        return new SpanRecorded(s.service(), s.version(), s.traceId(), s.spanId(), s.parentSpanId(), s.handler(),
                s.start(), s.durationMs(), "ERROR".equalsIgnoreCase(s.status()) ? SpanStatus.ERROR : SpanStatus.OK,
                s.attributes(), kind(s.kind()), s.environment());
    }

    private static SpanKind kind(String kind) {
        if (kind == null) {
            return null;
        }
        try {
            return SpanKind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
