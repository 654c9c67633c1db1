package dev.selfheal.detector.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selfheal.detection.engine.DetectionEngine;
import dev.selfheal.detection.engine.EngineStats;
import dev.selfheal.detection.engine.Feedback;
import dev.selfheal.detection.engine.Finding;
import dev.selfheal.detector.incident.FeedbackLog;
import dev.selfheal.platform.concurrent.OffTheEventLoop;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The engine inside the service: applies consumed records exactly once to the engine's state, and saves that
 * state with the offsets it includes.
 *
 * <p>Exactly once, without a row per event: a checkpoint stores the engine's snapshot together with, per
 * topic-partition, the next offset the snapshot does not include. Kafka messages are acknowledged only after
 * the checkpoint that includes them is stored; after a restart (or a rebalance) the consumer resumes from the
 * committed offsets, which are never ahead of the checkpoint, and records the restored snapshot already
 * includes are skipped by offset. A record is therefore applied to the stored state once, whatever happens in
 * between.
 */
@ApplicationScoped
public class EngineRuntime {

    private static final Logger LOG = Logger.getLogger(EngineRuntime.class);
    private static final TypeReference<Map<String, Long>> OFFSETS = new TypeReference<>() { };

    private final DetectionEngine engine;
    private final ObjectMapper mapper;
    private final EngineConfig config;
    private final Object lock = new Object();
    private final Map<String, Long> nextOffsets = new HashMap<>();
    private final List<Message<?>> unacknowledged = new ArrayList<>();
    private final FeedbackLog feedbackLog;
    private final Uni<Void> ready;
    private final AtomicBoolean saving = new AtomicBoolean();
    private int unacknowledgedRecords;
    private boolean inFlight;
    private boolean checkpointRequested;
    private volatile String halted;
    private volatile Instant lastCheckpoint;
    private volatile boolean restored;

    public EngineRuntime(DetectionEngine engine, ObjectMapper mapper, EngineConfig config, FeedbackLog feedbackLog) {
        this.engine = engine;
        this.mapper = mapper;
        this.config = config;
        this.feedbackLog = feedbackLog;
        this.ready = Uni.createFrom().deferred(this::restore).memoize().indefinitely();
    }

    /**
     * Completes once the engine holds its saved state (the first caller triggers the restore), on the caller's own
     * Vert.x context: callers that waited together must not all resume on the context of the one that started the
     * restore, or their database work would share one Hibernate Reactive session.
     */
    public Uni<Void> ready() {
        if (restored) {
            return Uni.createFrom().voidItem();
        }
        Context context = Vertx.currentContext();
        return context == null ? ready : ready.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    /**
     * Applies records of one consumed batch, skipping those the engine already includes, in event-time order: a
     * polled batch holds each partition's records one partition after the other, each spanning the same stretch of
     * time, and detectors that follow event time would otherwise see it run back at every partition's start.
     * Records without an event time keep their place after the record before them. The batch is in flight until
     * {@link #settled}.
     */
    public Applied apply(List<Positioned> records, Instant wallNow) {
        List<Finding> findings = new ArrayList<>();
        List<Positioned> refused = new ArrayList<>();
        int applied = 0;
        synchronized (lock) {
            List<Positioned> fresh = new ArrayList<>();
            for (Positioned record : records) {
                String key = record.topic() + "/" + record.partition();
                Long next = nextOffsets.get(key);
                if (next != null && record.offset() < next) {
                    continue;
                }
                nextOffsets.put(key, record.offset() + 1);
                if (record.event() == null) {
                    if (record.refusal() != null) {
                        refused.add(record);
                    }
                    continue;
                }
                fresh.add(record);
            }
            for (Positioned record : inEventTimeOrder(fresh)) {
                try {
                    findings.addAll(engine.accept(record.event(), wallNow));
                    applied++;
                } catch (RuntimeException e) {
                    LOG.warnf(e, "a detector failed on %s/%d offset %d", record.topic(), record.partition(),
                            record.offset());
                    refused.add(record.refusedBecause("a detector failed on it: " + e));
                }
            }
            inFlight = true;
        }
        return new Applied(findings, refused, applied);
    }

    /** A stable sort by event time; a record without one sorts as the record before it. */
    static List<Positioned> inEventTimeOrder(List<Positioned> records) {
        List<Map.Entry<Instant, Positioned>> keyed = new ArrayList<>(records.size());
        Instant last = Instant.MIN;
        for (Positioned record : records) {
            Instant time = DetectionEngine.eventTime(record.event());
            last = time == null ? last : time;
            keyed.add(Map.entry(last, record));
        }
        keyed.sort(Map.Entry.comparingByKey());
        return keyed.stream().map(Map.Entry::getValue).toList();
    }

    /**
     * The batch's findings are stored and its refused records dead-lettered: it may be acknowledged after the next
     * checkpoint. Answers whether a checkpoint is due (one fell due meanwhile, or too many records wait for one):
     * the caller then takes it.
     */
    public boolean settled(Message<?> batch, int records) {
        synchronized (lock) {
            inFlight = false;
            if (batch != null) {
                unacknowledged.add(batch);
                unacknowledgedRecords += records;
            }
            boolean due = checkpointRequested || unacknowledgedRecords >= config.maxUnacknowledgedRecords();
            checkpointRequested = false;
            return due;
        }
    }

    /** Settling a batch failed: no checkpoint may include it, so none is written any more. */
    public void halt(Throwable cause) {
        halted = cause.toString();
        LOG.errorf(cause, "detection halted: a batch could not be settled; restart resumes from %s", lastCheckpoint);
    }

    /** Why the runtime halted, when it did. */
    public String halted() {
        return halted;
    }

    /** Moves event time on while idle; answers what the detectors found. */
    public List<Finding> tick(Instant wallNow) {
        synchronized (lock) {
            return engine.tick(wallNow);
        }
    }

    /** Applies a person's verdict to the engine (its state carries it from the next checkpoint on). */
    public void feedback(Feedback feedback) {
        synchronized (lock) {
            engine.feedback(feedback);
        }
    }

    public EngineStats stats() {
        return engine.stats();
    }

    public Instant watermark() {
        return engine.watermark();
    }

    public Instant lastCheckpoint() {
        return lastCheckpoint;
    }

    /**
     * Stores the engine's state with the offsets it includes, then acknowledges the messages it includes. When
     * storing fails, the messages stay unacknowledged and the next checkpoint tries again.
     */
    public Uni<Void> checkpoint() {
        if (halted != null) {
            return Uni.createFrom().voidItem();
        }
        if (!saving.compareAndSet(false, true)) {
            synchronized (lock) {
                checkpointRequested = true;
            }
            return Uni.createFrom().voidItem();
        }
        // Taking and compressing a snapshot of megabytes costs a tenth of a second: not on the event loop.
        return OffTheEventLoop.run(this::prepare)
                .chain(prepared -> prepared == null ? Uni.createFrom().voidItem() : save(prepared))
                .onTermination().invoke(() -> saving.set(false));
    }

    /** The state to save and the messages it includes; null while a batch is in flight (the consumer saves then). */
    private Prepared prepare() {
        JsonNode snapshot;
        Map<String, Long> offsets;
        List<Message<?>> included;
        int includedRecords;
        EngineStats stats;
        synchronized (lock) {
            if (inFlight) {
                checkpointRequested = true;
                return null;
            }
            snapshot = engine.snapshot(mapper);
            offsets = new HashMap<>(nextOffsets);
            included = new ArrayList<>(unacknowledged);
            includedRecords = unacknowledgedRecords;
            unacknowledged.clear();
            unacknowledgedRecords = 0;
            stats = engine.stats();
        }
        try {
            return new Prepared(Instant.now(), gzip(mapper.writeValueAsBytes(snapshot)),
                    mapper.writeValueAsString(offsets), stats, included, includedRecords);
        } catch (IOException e) {
            synchronized (lock) {
                unacknowledged.addAll(0, included);
                unacknowledgedRecords += includedRecords;
            }
            throw new UncheckedIOException(e);
        }
    }

    private Uni<Void> save(Prepared prepared) {
        return Panache.withTransaction(() -> EngineCheckpoint.<EngineCheckpoint>findById(config.id())
                        .chain(found -> {
                            EngineCheckpoint row = found == null ? new EngineCheckpoint() : found;
                            row.engineId = config.id();
                            row.savedAt = prepared.at();
                            row.watermark = prepared.stats().watermark();
                            row.events = prepared.stats().events();
                            row.offsets = prepared.offsets();
                            row.snapshot = prepared.snapshot();
                            return found == null ? row.persist() : Uni.createFrom().item(row);
                        }))
                .invoke(() -> {
                    lastCheckpoint = prepared.at();
                    prepared.included().forEach(Message::ack);
                })
                .onFailure().invoke(e -> {
                    synchronized (lock) {
                        unacknowledged.addAll(0, prepared.included());
                        unacknowledgedRecords += prepared.includedRecords();
                    }
                })
                .replaceWithVoid();
    }

    /** A snapshot ready to store, and the consumed messages it includes. */
    private record Prepared(Instant at, byte[] snapshot, String offsets, EngineStats stats, List<Message<?>> included,
            int includedRecords) {
    }

    private Uni<Void> restore() {
        return Panache.withSession(() -> EngineCheckpoint.<EngineCheckpoint>findById(config.id()))
                .chain(found -> {
                    if (found == null) {
                        LOG.info("no checkpoint yet: the detectors start empty");
                        return Uni.createFrom().voidItem();
                    }
                    // Reading a snapshot of megabytes takes seconds: not on the event loop.
                    return OffTheEventLoop.run(() -> {
                        load(found);
                        return found;
                    }).chain(checkpoint -> Panache.withSession(() -> feedbackLog.since(checkpoint.savedAt)))
                            .invoke(verdicts -> {
                                verdicts.forEach(this::feedback);
                                LOG.infof("restored checkpoint of %s (event time %s, %d events, offsets %s), %d later "
                                        + "verdicts re-applied", found.savedAt, found.watermark, found.events,
                                        found.offsets, verdicts.size());
                            })
                            .replaceWithVoid();
                })
                .invoke(() -> restored = true);
    }

    private void load(EngineCheckpoint checkpoint) {
        try {
            JsonNode snapshot = mapper.readTree(gunzip(checkpoint.snapshot));
            Map<String, Long> offsets = mapper.readValue(checkpoint.offsets, OFFSETS);
            synchronized (lock) {
                engine.restore(snapshot, mapper);
                nextOffsets.clear();
                nextOffsets.putAll(offsets);
            }
            lastCheckpoint = checkpoint.savedAt;
        } catch (IOException e) {
            throw new UncheckedIOException("the engine checkpoint cannot be read", e);
        }
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(raw);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] compressed) throws IOException {
        try (GZIPInputStream zip = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return zip.readAllBytes();
        }
    }

    /**
     * One consumed record: where it was, and the event (or why there is none: {@code refusal}; both null for an
     * event type the detectors do not read).
     */
    public record Positioned(String topic, int partition, long offset, Object event, String refusal,
            ConsumerRecord<String, byte[]> record) {

        Positioned refusedBecause(String reason) {
            return new Positioned(topic, partition, offset, null, reason, record);
        }
    }

    /**
     * What one batch did.
     *
     * @param findings what the detectors found
     * @param refused  records that cannot be used, for the dead-letter topic
     * @param applied  records applied to the engine
     */
    public record Applied(List<Finding> findings, List<Positioned> refused, int applied) {
    }
}
