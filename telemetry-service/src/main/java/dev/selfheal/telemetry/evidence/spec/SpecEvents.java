package dev.selfheal.telemetry.evidence.spec;

import dev.selfheal.contracts.v1.SpecPublished;
import dev.selfheal.telemetry.evidence.EventParts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/** Turns a read document into the {@link SpecPublished} events it travels in, each within {@code maxEventBytes}. */
final class SpecEvents {

    /** Room left for what grows with the slice count (part numbers) and for rounding in the size estimate. */
    private static final int MARGIN = 256;

    private final ToIntFunction<Object> jsonSize;
    private final int maxEventBytes;

    SpecEvents(ToIntFunction<Object> jsonSize, int maxEventBytes) {
        this.jsonSize = jsonSize;
        this.maxEventBytes = maxEventBytes;
    }

    List<SpecPublished> of(String specId, String service, String version, Instant receivedAt, ParsedSpec spec) {
        SpecPublished envelope = new SpecPublished(specId, service, version, receivedAt, spec.openapi(), spec.title(),
                spec.apiVersion(), 1, 1, List.of());
        int budget = maxEventBytes - jsonSize.applyAsInt(envelope) - MARGIN;
        List<List<SpecPublished.Operation>> parts = EventParts.pack(spec.operations(), jsonSize::applyAsInt, budget,
                o -> "operation " + o.handler());
        List<SpecPublished> events = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            events.add(new SpecPublished(specId, service, version, receivedAt, spec.openapi(), spec.title(),
                    spec.apiVersion(), i + 1, parts.size(), parts.get(i)));
        }
        return events;
    }
}
