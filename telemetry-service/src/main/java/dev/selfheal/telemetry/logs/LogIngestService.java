package dev.selfheal.telemetry.logs;

import dev.selfheal.contracts.v1.LogRecorded;
import dev.selfheal.contracts.v1.LogSeverity;
import dev.selfheal.platform.problem.FieldError;
import dev.selfheal.platform.problem.ProblemException;
import dev.selfheal.platform.problem.ProblemKind;
import dev.selfheal.telemetry.ingest.ContentDigests;
import dev.selfheal.telemetry.ingest.IngestConfig;
import dev.selfheal.telemetry.messaging.OutgoingEvent;
import dev.selfheal.telemetry.messaging.TelemetryPublisher;
import dev.selfheal.logmining.RecordJoiner;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mines log lines into templates and publishes every record as a {@code LogRecorded} event. Lines become records
 * (a stack trace joins the line that logged it), records are mined by their service's miner, template counts
 * are stored, and the caller hears success only once Kafka acknowledged every record.
 */
@ApplicationScoped
public class LogIngestService {

    /** Attribute naming the line of the body a record started on: it keeps identical lines of one batch apart. */
    private static final int MAX_NAME = 255;

    private final LogMiners miners;
    private final LogTemplateRepository templates;
    private final TelemetryPublisher publisher;
    private final IngestConfig ingest;
    private final LogsConfig config;
    private final MeterRegistry registry;

    public LogIngestService(LogMiners miners, LogTemplateRepository templates, TelemetryPublisher publisher,
            IngestConfig ingest, LogsConfig config, MeterRegistry registry) {
        this.miners = miners;
        this.templates = templates;
        this.publisher = publisher;
        this.ingest = ingest;
        this.config = config;
        this.registry = registry;
    }

    /** A text/plain body of one service's log lines, in {@code charset}. */
    public Uni<LogReceipt> ingest(String service, String version, String environment, byte[] body, Charset charset) {
        // Splitting and mining thousands of lines takes a while, and a service's miner takes one batch at a time:
        // off the event loop, back on the request's context for the database.
        return VertxContextSupport.executeBlocking(() -> prepare(service, version, environment, body, charset))
                .chain(batch -> Panache.withTransaction(() -> templates.count(batch.service(), batch.mined(), batch.received()))
                        .onFailure().transform(e -> ProblemException.unavailable(
                                "the template store is unavailable; retry later", ingest.retryAfter(), e))
                        .chain(() -> publish(batch.events()))
                        .replaceWith(new LogReceipt(null, batch.service(), batch.lines(), batch.events().size(),
                                (int) batch.mined().stream().map(MinedRecord::templateId).distinct().count()))
                        .invoke(() -> registry.counter("selfheal.telemetry.logs.accepted", "service", batch.service())
                                .increment(batch.events().size())));
    }

    /** A checked, mined batch, ready to be counted and published. */
    private record Batch(String service, int lines, List<MinedRecord> mined, List<LogRecorded> events, Instant received) {
    }

    private Batch prepare(String service, String version, String environment, byte[] body, Charset charset) {
        String text = checked(service, version, environment, body, charset);
        List<String> lines = LogLines.split(text);
        if (lines.size() > config.maxLines()) {
            throw ProblemException.invalid("body", "holds " + lines.size() + " lines; at most " + config.maxLines()
                    + " per request");
        }
        List<String> records = new ArrayList<>();
        List<Integer> firstLines = new ArrayList<>();
        int[] consumed = {0};
        RecordJoiner joiner = new RecordJoiner(record -> {
            int firstLine = consumed[0] + 1;
            consumed[0] += (int) record.chars().filter(c -> c == '\n').count() + 1;
            if (!record.isBlank()) {
                records.add(record);
                firstLines.add(firstLine);
            }
        });
        lines.forEach(joiner::accept);
        joiner.flush();
        if (records.isEmpty()) {
            throw ProblemException.invalid("body", "holds no log lines (one record per line expected)");
        }
        String name = service.strip();
        String ver = version == null || version.isBlank() ? "unknown" : version.strip();
        String env = environment == null || environment.isBlank() ? null : environment.strip();
        Instant received = Instant.now();
        // Lines without a timestamp get the arrival time; the upload's digest and the line number keep their
        // event ids stable when the same upload is sent again.
        String upload = ContentDigests.shortSha256(text);
        List<MinedRecord> mined = miners.of(name).mine(records);
        List<LogRecorded> events = new ArrayList<>(mined.size());
        for (int i = 0; i < mined.size(); i++) {
            MinedRecord m = mined.get(i);
            events.add(new LogRecorded(name, ver, env, LogLines.leadingTimestamp(m.record()).orElse(received),
                    LogLines.severity(m.record()).orElse(LogSeverity.INFO), m.record(), null, null,
                    Map.of(LogRecorded.LINE_NUMBER, String.valueOf(firstLines.get(i)), LogRecorded.UPLOAD_DIGEST, upload),
                    m.templateId(), m.template(),
                    m.parameters()));
        }
        return new Batch(name, lines.size(), mined, events, received);
    }

    /**
     * Fills the template fields of records that arrived already split (OTLP log records), mining each body with
     * its service's miner, and counts the templates. Call outside a transaction: it opens its own.
     */
    public Uni<List<LogRecorded>> mine(List<LogRecorded> logs) {
        if (logs.isEmpty()) {
            return Uni.createFrom().item(logs);
        }
        return VertxContextSupport.executeBlocking(() -> mineBodies(logs))
                .chain(mined -> count(mined.perService()).replaceWith(mined.logs()));
    }

    /** Records mined with their services' miners, and each service's records for the template counts. */
    private record MinedLogs(List<LogRecorded> logs, Map<String, List<MinedRecord>> perService) {
    }

    private MinedLogs mineBodies(List<LogRecorded> logs) {
        Map<String, List<Integer>> byService = new LinkedHashMap<>();
        for (int i = 0; i < logs.size(); i++) {
            byService.computeIfAbsent(logs.get(i).service(), s -> new ArrayList<>()).add(i);
        }
        LogRecorded[] mined = new LogRecorded[logs.size()];
        Map<String, List<MinedRecord>> perService = new LinkedHashMap<>();
        byService.forEach((service, indexes) -> {
            List<MinedRecord> records = miners.of(service).mine(indexes.stream().map(i -> logs.get(i).body()).toList());
            perService.put(service, records);
            for (int k = 0; k < indexes.size(); k++) {
                LogRecorded log = logs.get(indexes.get(k));
                MinedRecord m = records.get(k);
                mined[indexes.get(k)] = new LogRecorded(log.service(), log.version(), log.environment(), log.time(),
                        log.severity(), log.body(), log.traceId(), log.spanId(), log.attributes(), m.templateId(),
                        m.template(), m.parameters());
            }
        });
        return new MinedLogs(List.of(mined), perService);
    }

    private Uni<Void> count(Map<String, List<MinedRecord>> perService) {
        Instant seen = Instant.now();
        return Panache.withTransaction(() -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Map.Entry<String, List<MinedRecord>> entry : perService.entrySet()) {
                        chain = chain.chain(() -> templates.count(entry.getKey(), entry.getValue(), seen));
                    }
                    return chain;
                })
                .onFailure().transform(e -> ProblemException.unavailable(
                        "the template store is unavailable; retry later", ingest.retryAfter(), e));
    }

    public Uni<List<LogTemplateView>> templates(String service, int limit) {
        return templates.byService(service.strip(), limit).map(found -> found.stream().map(LogTemplateView::of).toList());
    }

    private Uni<Void> publish(List<LogRecorded> events) {
        return publisher.publishAll(events.stream().map(OutgoingEvent::of).toList())
                .ifNoItem().after(ingest.publishTimeout()).fail()
                .onFailure().transform(e -> ProblemException.unavailable(
                        "Kafka did not acknowledge the log records; retry later", ingest.retryAfter(), e));
    }

    /** The body as text, once the request's parameters and size are known to be acceptable. */
    private String checked(String service, String version, String environment, byte[] body, Charset charset) {
        List<FieldError> errors = new ArrayList<>();
        if (service == null || service.isBlank()) {
            errors.add(new FieldError("service", "query parameter is required: the service the lines come from"));
        } else if (service.strip().length() > MAX_NAME) {
            errors.add(new FieldError("service", "must be at most " + MAX_NAME + " characters"));
        }
        if (version != null && version.strip().length() > MAX_NAME) {
            errors.add(new FieldError("version", "must be at most " + MAX_NAME + " characters"));
        }
        if (environment != null && environment.strip().length() > MAX_NAME) {
            errors.add(new FieldError("environment", "must be at most " + MAX_NAME + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        long max = config.maxBodySize().asLongValue();
        if (body == null || body.length == 0) {
            throw ProblemException.invalid("body", "is empty; send log lines as text/plain, one record per line");
        }
        if (body.length > max) {
            throw new ProblemException(ProblemKind.PAYLOAD_TOO_LARGE,
                    "the body holds " + body.length + " bytes; at most " + max + " per request");
        }
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.invalid("body", "is not valid " + charset.name() + " text");
        }
    }
}
