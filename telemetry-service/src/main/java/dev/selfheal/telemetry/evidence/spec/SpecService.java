package dev.selfheal.telemetry.evidence.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selfheal.contracts.v1.SpecPublished;
import dev.selfheal.platform.problem.ProblemException;
import dev.selfheal.telemetry.evidence.EvidenceRequest;
import dev.selfheal.telemetry.evidence.EvidenceConfig;
import dev.selfheal.telemetry.ingest.IngestConfig;
import dev.selfheal.telemetry.messaging.OutgoingEvent;
import dev.selfheal.telemetry.messaging.TelemetryPublisher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Accepts the OpenAPI document of a service version: reads it, stores it as that version's document (a different
 * one sent later replaces it; the same one again changes nothing), publishes it as {@code SpecPublished} events
 * and answers only once Kafka acknowledged every part.
 */
@ApplicationScoped
public class SpecService {

    private static final TypeReference<List<SpecPublished.Operation>> OPERATIONS = new TypeReference<>() {
    };

    private final SpecRepository specs;
    private final TelemetryPublisher publisher;
    private final EvidenceConfig config;
    private final IngestConfig ingest;
    private final ObjectMapper json;
    private final SpecEvents events;

    public SpecService(SpecRepository specs, TelemetryPublisher publisher, EvidenceConfig config, IngestConfig ingest,
            ObjectMapper json) {
        this.specs = specs;
        this.publisher = publisher;
        this.config = config;
        this.ingest = ingest;
        this.json = json;
        this.events = new SpecEvents(value -> write(value).length(), (int) config.maxEventSize().asLongValue());
    }

    /** A document read and cut into events, ready to be stored and published. */
    private record Prepared(EvidenceRequest.Subject subject, ParsedSpec spec, String specId, List<SpecPublished> events) {
    }

    /** The events and receipt of a stored document. */
    private record Stored(List<SpecPublished> events, SpecReceipt receipt) {
    }

    public Uni<SpecReceipt> ingest(EvidenceRequest.Subject subject, SpecFormat format, byte[] body) {
        EvidenceRequest.checkSize(body, config.maxSpecSize().asLongValue(), "an OpenAPI 3 document in JSON or YAML");
        return VertxContextSupport.executeBlocking(() -> prepare(subject, format, body))
                .chain(prepared -> Panache.withTransaction(() -> store(prepared))
                        .onFailure(e -> !(e instanceof ProblemException)).transform(e -> ProblemException.unavailable(
                                "the spec store is unavailable; retry later", ingest.retryAfter(), e)))
                .chain(stored -> publish(stored.events()).replaceWith(stored.receipt()));
    }

    public Uni<List<SpecSummary>> byService(String service, int limit) {
        return Panache.withSession(() -> specs.byService(service, limit))
                .map(found -> found.stream().map(SpecSummary::of).toList());
    }

    public Uni<SpecView> find(String service, String version) {
        return Panache.withSession(() -> specs.findById(new StoredSpec.Key(service, version))).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("no OpenAPI document is stored for " + service + " " + version);
            }
            return new SpecView(found.specId, found.service, found.version, found.openapi, found.title,
                    found.apiVersion, found.receivedAt, read(found.operations));
        });
    }

    private Prepared prepare(EvidenceRequest.Subject subject, SpecFormat format, byte[] body) {
        ParsedSpec spec = OpenApiReader.read(body, format);
        String specId = SpecPublished.specIdOf(subject.service(), subject.version(), EvidenceRequest.digest(body));
        // Microseconds, as PostgreSQL keeps them, so that a resend republishes exactly the stored time.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new Prepared(subject, spec, specId, events.of(specId, subject.service(), subject.version(), now, spec));
    }

    private Uni<Stored> store(Prepared prepared) {
        EvidenceRequest.Subject subject = prepared.subject();
        return specs.findById(new StoredSpec.Key(subject.service(), subject.version())).chain(existing -> {
            if (existing != null && existing.specId.equals(prepared.specId())) {
                // A resend: the same events as the first time, so their ids and payloads match what consumers hold.
                List<SpecPublished> again = events.of(prepared.specId(), subject.service(), subject.version(),
                        existing.receivedAt, prepared.spec());
                return Uni.createFrom().item(stored(prepared, again, true, false));
            }
            StoredSpec row = existing == null ? new StoredSpec() : existing;
            fill(row, prepared);
            Uni<?> write = existing == null ? specs.persist(row) : Uni.createFrom().item(row);
            return write.replaceWith(stored(prepared, prepared.events(), false, existing != null));
        });
    }

    private void fill(StoredSpec row, Prepared prepared) {
        SpecPublished first = prepared.events().get(0);
        row.service = first.service();
        row.version = first.version();
        row.specId = first.specId();
        row.openapi = first.openapi();
        row.title = first.title();
        row.apiVersion = first.apiVersion();
        row.operationCount = prepared.spec().operations().size();
        row.operations = write(prepared.spec().operations());
        row.parts = first.parts();
        row.receivedAt = first.receivedAt();
    }

    private static Stored stored(Prepared prepared, List<SpecPublished> events, boolean duplicate, boolean replaced) {
        SpecPublished first = events.get(0);
        return new Stored(events, new SpecReceipt(null, first.specId(), first.service(), first.version(), first.title(),
                prepared.spec().operations().size(), events.size(), duplicate, replaced));
    }

    private Uni<Void> publish(List<SpecPublished> parts) {
        return publisher.publishAll(parts.stream().map(OutgoingEvent::of).toList())
                .ifNoItem().after(ingest.publishTimeout()).fail()
                .onFailure().transform(e -> ProblemException.unavailable(
                        "Kafka did not acknowledge the document; retry later", ingest.retryAfter(), e));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("contract records always serialise", e);
        }
    }

    private List<SpecPublished.Operation> read(String operations) {
        try {
            return json.readValue(operations, OPERATIONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored operations are written by this service", e);
        }
    }
}
