package dev.selfheal.telemetry.otlp;

import dev.selfheal.otlp.LogBatch;
import dev.selfheal.otlp.LogMapper;
import dev.selfheal.otlp.TraceBatch;
import dev.selfheal.otlp.TraceMapper;
import dev.selfheal.platform.problem.ProblemException;
import dev.selfheal.telemetry.ingest.IngestConfig;
import dev.selfheal.telemetry.logs.LogIngestService;
import dev.selfheal.telemetry.messaging.OutgoingEvent;
import dev.selfheal.telemetry.messaging.TelemetryPublisher;
import dev.selfheal.telemetry.trace.SpanRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Accepts OTLP exports: decodes and normalises them, stores the spans, mines log bodies into templates with the
 * service's miner (the same one {@code POST /api/logs} uses), then publishes every normalised event.
 * The caller hears success only once Kafka acknowledged all of them; a retried export is stored once and
 * published again under the same event ids, which consumers deduplicate.
 */
@ApplicationScoped
public class OtlpIngestService {

    private final SpanRepository spans;
    private final TelemetryPublisher publisher;
    private final IngestConfig ingest;
    private final OtlpConfig config;
    private final OtlpCodec codec;
    private final MeterRegistry registry;
    private final LogIngestService logMining;

    public OtlpIngestService(SpanRepository spans, TelemetryPublisher publisher, IngestConfig ingest, OtlpConfig config,
            MeterRegistry registry, LogIngestService logMining) {
        this.spans = spans;
        this.logMining = logMining;
        this.publisher = publisher;
        this.ingest = ingest;
        this.config = config;
        this.registry = registry;
        this.codec = new OtlpCodec(config.maxBodySize().asLongValue());
    }

    public Uni<TraceBatch> traces(byte[] body, OtlpEncoding encoding, String contentEncoding) {
        return Uni.createFrom().item(() -> TraceMapper.map(limited(codec.traces(body, encoding, contentEncoding))))
                .chain(batch -> {
                    if (batch.spans().isEmpty()) {
                        return Uni.createFrom().item(batch);
                    }
                    List<OutgoingEvent> events = batch.events().stream().map(OutgoingEvent::of).toList();
                    return spans.storeNew(batch.spans(), Instant.now())
                            .onFailure().transform(e -> ProblemException.unavailable(
                                    "the telemetry store is unavailable; retry later", ingest.retryAfter(), e))
                            .chain(() -> publish(events))
                            .replaceWith(batch);
                })
                .invoke(batch -> count("traces", batch.spans().size(), batch.rejected()))
                .onFailure(this::unexpected).transform(this::unavailable);
    }

    public Uni<LogBatch> logs(byte[] body, OtlpEncoding encoding, String contentEncoding) {
        return Uni.createFrom().item(() -> LogMapper.map(limited(codec.logs(body, encoding, contentEncoding))))
                .chain(batch -> logMining.mine(batch.logs())
                        .chain(mined -> publish(mined.stream().map(OutgoingEvent::of).toList())
                                .replaceWith(new LogBatch(mined, batch.rejected(), batch.rejections()))))
                .invoke(batch -> count("logs", batch.logs().size(), batch.rejected()))
                .onFailure(this::unexpected).transform(this::unavailable);
    }

    /** Neither a client's mistake nor an outage already described: still an answer the exporter can retry. */
    private boolean unexpected(Throwable e) {
        return !(e instanceof OtlpRequestException) && !(e instanceof ProblemException);
    }

    private ProblemException unavailable(Throwable e) {
        return ProblemException.unavailable("the export could not be processed; retry later", ingest.retryAfter(), e);
    }

    private Uni<Void> publish(List<OutgoingEvent> events) {
        return publisher.publishAll(events)
                .ifNoItem().after(ingest.publishTimeout()).fail()
                .onFailure().transform(e -> ProblemException.unavailable(
                        "Kafka did not acknowledge the events; retry later", ingest.retryAfter(), e));
    }

    private ExportTraceServiceRequest limited(ExportTraceServiceRequest request) {
        long items = request.getResourceSpansList().stream().flatMap(r -> r.getScopeSpansList().stream())
                .mapToLong(s -> s.getSpansCount()).sum();
        checkItems(items, "spans");
        return request;
    }

    private ExportLogsServiceRequest limited(ExportLogsServiceRequest request) {
        long items = request.getResourceLogsList().stream().flatMap(r -> r.getScopeLogsList().stream())
                .mapToLong(s -> s.getLogRecordsCount()).sum();
        checkItems(items, "log records");
        return request;
    }

    private void checkItems(long items, String what) {
        if (items > config.maxItems()) {
            throw OtlpRequestException.tooLarge("the request holds " + items + " " + what + "; at most "
                    + config.maxItems() + " per request");
        }
    }

    private void count(String signal, int accepted, int rejected) {
        registry.counter("selfheal.telemetry.otlp.accepted", "signal", signal).increment(accepted);
        registry.counter("selfheal.telemetry.otlp.rejected", "signal", signal).increment(rejected);
    }
}
