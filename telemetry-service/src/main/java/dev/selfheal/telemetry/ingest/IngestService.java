package dev.selfheal.telemetry.ingest;

import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.platform.problem.FieldError;
import dev.selfheal.platform.problem.ProblemException;
import dev.selfheal.telemetry.messaging.TelemetryPublisher;
import dev.selfheal.telemetry.trace.SpanRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Accepts a batch of handler executions: validates it, stores the new ones, and publishes all of them. The
 * caller hears success only after Kafka acknowledged every event, so nothing acknowledged is ever lost; a
 * retried batch is stored once and published again, and consumers deduplicate on the event id.
 */
@ApplicationScoped
public class IngestService {

    private final SpanRepository spans;
    private final TelemetryPublisher publisher;
    private final IngestConfig config;
    private final ExecutionValidator validator;
    private final MeterRegistry registry;

    public IngestService(SpanRepository spans, TelemetryPublisher publisher, IngestConfig config, MeterRegistry registry) {
        this.spans = spans;
        this.publisher = publisher;
        this.config = config;
        this.registry = registry;
        this.validator = new ExecutionValidator(config.maxBatchItems());
    }

    public Uni<IngestReceipt> ingest(List<HandlerExecution> batch) {
        List<FieldError> errors = validator.validate(batch);
        if (!errors.isEmpty()) {
            registry.counter("selfheal.telemetry.rejected", "reason", "invalid").increment(batch == null ? 1 : batch.size());
            return Uni.createFrom().failure(ProblemException.invalid(errors));
        }
        List<SpanRecorded> events = batch.stream().map(ExecutionMapper::toEvent).toList();
        return spans.storeNew(events, Instant.now())
                .onFailure().transform(e -> ProblemException.unavailable(
                        "the telemetry store is unavailable; retry later", config.retryAfter(), e))
                .chain(stored -> publisher.publish(events)
                        .ifNoItem().after(config.publishTimeout()).fail()
                        .onFailure().transform(e -> ProblemException.unavailable(
                                "Kafka did not acknowledge the events; retry later", config.retryAfter(), e))
                        .replaceWith(new IngestReceipt(null, events.size(), stored, events.size() - stored)))
                .invoke(receipt -> events.stream()
                        .collect(Collectors.groupingBy(SpanRecorded::service, Collectors.counting()))
                        .forEach((service, count) ->
                                registry.counter("selfheal.telemetry.accepted", "service", service).increment(count)));
    }
}
