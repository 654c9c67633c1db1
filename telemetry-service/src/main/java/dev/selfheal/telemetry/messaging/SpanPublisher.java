package dev.selfheal.telemetry.messaging;

import dev.selfheal.contracts.v1.EventTypes;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.platform.messaging.CloudEvents;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Publishes spans on {@code selfheal.telemetry.v1}; the returned Uni completes once Kafka has acknowledged all. */
@ApplicationScoped
public class SpanPublisher {

    public static final String CHANNEL = "telemetry-out";
    static final String SOURCE = "/selfheal/telemetry-service";

    private final MutinyEmitter<SpanRecorded> emitter;

    public SpanPublisher(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20_000)
            MutinyEmitter<SpanRecorded> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(List<SpanRecorded> spans) {
        List<Uni<Void>> sends = spans.stream()
                .map(span -> emitter.sendMessage(CloudEvents.message(span, span.eventId(), EventTypes.SPAN_RECORDED,
                        SOURCE, span.traceId(), span.start())))
                .toList();
        return Uni.join().all(sends).andCollectFailures().replaceWithVoid();
    }
}
