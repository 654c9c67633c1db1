package dev.selfheal.telemetry.evidence.testreport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selfheal.contracts.v1.TestReportRecorded;
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
 * Accepts a test report: reads it, stores its summary once (a resent report is recognised by its id), publishes
 * it as {@code TestReportRecorded} events and answers only once Kafka acknowledged every part.
 */
@ApplicationScoped
public class TestReportService {

    private final TestReportRepository reports;
    private final TelemetryPublisher publisher;
    private final EvidenceConfig config;
    private final IngestConfig ingest;
    private final TestReportEvents events;

    public TestReportService(TestReportRepository reports, TelemetryPublisher publisher, EvidenceConfig config,
            IngestConfig ingest, ObjectMapper json) {
        this.reports = reports;
        this.publisher = publisher;
        this.config = config;
        this.ingest = ingest;
        this.events = new TestReportEvents(value -> size(json, value), (int) config.maxEventSize().asLongValue());
    }

    /** A report read and cut into events, ready to be stored and published. */
    private record Prepared(ParsedTestReport report, List<TestReportRecorded> events, String service, String version) {
    }

    public Uni<TestReportReceipt> ingest(EvidenceRequest.Subject subject, byte[] body) {
        EvidenceRequest.checkSize(body, config.maxReportSize().asLongValue(), "a JaCoCo or JUnit XML report");
        // Reading a report of megabytes takes a while: off the event loop, back on it for the database.
        return VertxContextSupport.executeBlocking(() -> prepare(subject, body))
                .chain(prepared -> Panache.withTransaction(() -> storeOnce(prepared))
                        .onFailure(e -> !(e instanceof ProblemException)).transform(e -> ProblemException.unavailable(
                                "the report store is unavailable; retry later", ingest.retryAfter(), e)))
                .chain(stored -> publish(stored.events()).replaceWith(stored.receipt()));
    }

    public Uni<List<TestReportSummary>> latest(String service, String version, int limit) {
        return Panache.withSession(() -> reports.latest(service, version, limit))
                .map(found -> found.stream().map(TestReportMapper::toSummary).toList());
    }

    private Prepared prepare(EvidenceRequest.Subject subject, byte[] body) {
        ParsedTestReport report = TestReportParser.parse(body);
        String reportId = TestReportRecorded.reportIdOf(subject.service(), subject.version(), report.format(),
                EvidenceRequest.digest(body));
        // Microseconds, as PostgreSQL keeps them, so that a resend republishes exactly the stored time.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new Prepared(report, events.of(reportId, subject.service(), subject.version(), now, report),
                subject.service(), subject.version());
    }

    /** The events and receipt of a stored report. */
    private record Stored(List<TestReportRecorded> events, TestReportReceipt receipt) {
    }

    private Uni<Stored> storeOnce(Prepared prepared) {
        TestReportRecorded first = prepared.events().get(0);
        return reports.findById(first.reportId()).chain(existing -> {
            if (existing == null) {
                return reports.persist(TestReportMapper.toStored(first, prepared.report()))
                        .replaceWith(stored(prepared, prepared.events(), false));
            }
            // A resend: the same events as the first time, so their ids and payloads match what consumers hold.
            List<TestReportRecorded> again = events.of(first.reportId(), prepared.service(), prepared.version(),
                    existing.receivedAt, prepared.report());
            return Uni.createFrom().item(stored(prepared, again, true));
        });
    }

    private static Stored stored(Prepared prepared, List<TestReportRecorded> events, boolean duplicate) {
        TestReportRecorded first = events.get(0);
        return new Stored(events, new TestReportReceipt(null, first.reportId(), first.service(), first.version(),
                first.format(), prepared.report().items(), events.size(), duplicate));
    }

    private Uni<Void> publish(List<TestReportRecorded> parts) {
        return publisher.publishAll(parts.stream().map(OutgoingEvent::of).toList())
                .ifNoItem().after(ingest.publishTimeout()).fail()
                .onFailure().transform(e -> ProblemException.unavailable(
                        "Kafka did not acknowledge the report; retry later", ingest.retryAfter(), e));
    }

    private static int size(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsBytes(value).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("contract records always serialise", e);
        }
    }
}
