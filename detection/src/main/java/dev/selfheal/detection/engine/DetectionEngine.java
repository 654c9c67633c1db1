package dev.selfheal.detection.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.selfheal.contracts.v1.DependencyCalled;
import dev.selfheal.contracts.v1.DocsRegenerated;
import dev.selfheal.contracts.v1.EventIds;
import dev.selfheal.contracts.v1.ErrorObserved;
import dev.selfheal.contracts.v1.LogRecorded;
import dev.selfheal.contracts.v1.SpanKind;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.SpanStatus;
import dev.selfheal.contracts.v1.SpecPublished;
import dev.selfheal.contracts.v1.StateMutated;
import dev.selfheal.contracts.v1.TestReportRecorded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the detectors over a stream of telemetry events in event time. It assembles traces (complete after a
 * quiet time without new spans) and multi-part test reports and API documents, keeps the watermark (the latest
 * event time seen, moved on at wall-clock pace while no event arrives), applies people's feedback, and
 * snapshots everything as one JSON tree.
 *
 * <p>Thread-safe: every entry point is synchronized, and detectors are only called under the lock.
 */
public final class DetectionEngine {

    private static final int SNAPSHOT_FORMAT = 1;
    private static final int MAX_PENDING_DOCUMENTS = 256;
    /** The log attribute naming a session (OpenTelemetry's session semantic conventions). */
    public static final String SESSION_ATTRIBUTE = "session.id";
    private static final int MAX_STEP_LENGTH = 200;

    private final List<Detector> detectors;
    private final EngineSettings settings;

    private final LinkedHashMap<String, OpenTrace> openTraces = new LinkedHashMap<>();
    private final LinkedHashMap<String, OpenTrace> openSessions = new LinkedHashMap<>();
    /** Flows completed early (too long, or too many open): judged at the next advance of event time. */
    private final List<Trace> completeLater = new ArrayList<>();
    private final Map<String, List<TestReportRecorded>> reportParts = new LinkedHashMap<>();
    private final Map<String, List<SpecPublished>> specParts = new LinkedHashMap<>();
    private final Map<String, Double> scoreBars = new HashMap<>();
    private Instant watermark = Instant.EPOCH;
    private Instant lastEventWall;
    private Instant watermarkAtLastEvent = Instant.EPOCH;
    private long events;
    private long tracesCompleted;
    private long findingsRaised;
    private long findingsSuppressed;

    public DetectionEngine(List<Detector> detectors, EngineSettings settings) {
        this.detectors = List.copyOf(detectors);
        this.settings = settings;
    }

    /**
     * The event time {@link #accept} moves the engine to for an event (a span's or call's end, an error's, a state
     * change's or a log record's time), or null for events without one (reports, specs, documents).
     */
    public static Instant eventTime(Object event) {
        if (event instanceof SpanRecorded span) {
            return span.start().plusNanos((long) (span.durationMs() * 1_000_000));
        } else if (event instanceof ErrorObserved error) {
            return error.time();
        } else if (event instanceof DependencyCalled call) {
            return call.start().plusNanos((long) (call.durationMs() * 1_000_000));
        } else if (event instanceof StateMutated mutation) {
            return mutation.time();
        } else if (event instanceof LogRecorded log) {
            return log.time();
        }
        return null;
    }

    /**
     * Feeds one event (any telemetry v1 event, or {@link DocsRegenerated}); answers what the detectors found,
     * people's feedback applied. Events of other types are ignored. {@code wallNow} is the current wall-clock
     * time, used only to move event time on while the stream is idle.
     */
    public synchronized List<Finding> accept(Object event, Instant wallNow) {
        List<Finding> found = new ArrayList<>();
        Findings out = gate(found);
        events++;
        if (event instanceof SpanRecorded span) {
            advanceTo(eventTime(span), out);
            each(d -> d.onSpan(span, out));
            collect(span);
        } else if (event instanceof ErrorObserved error) {
            advanceTo(error.time(), out);
            each(d -> d.onError(error, out));
        } else if (event instanceof DependencyCalled call) {
            advanceTo(eventTime(call), out);
            each(d -> d.onDependency(call, out));
        } else if (event instanceof StateMutated mutation) {
            advanceTo(mutation.time(), out);
            each(d -> d.onState(mutation, out));
        } else if (event instanceof LogRecorded log) {
            advanceTo(log.time(), out);
            each(d -> d.onLog(log, out));
            collectSessionStep(log);
        } else if (event instanceof TestReportRecorded part) {
            List<TestReportRecorded> parts = assemble(reportParts, part.reportId(), part, part.parts());
            if (parts != null) {
                TestReport report = TestReport.of(parts);
                each(d -> d.onTestReport(report, out));
            }
        } else if (event instanceof SpecPublished part) {
            List<SpecPublished> parts = assemble(specParts, part.specId(), part, part.parts());
            if (parts != null) {
                ApiSpec spec = ApiSpec.of(parts);
                each(d -> d.onSpec(spec, out));
            }
        } else if (event instanceof DocsRegenerated docs) {
            each(d -> d.onDocs(docs, out));
        } else {
            events--;
            return found;
        }
        lastEventWall = wallNow;
        watermarkAtLastEvent = watermark;
        return found;
    }

    /**
     * Moves event time on while no event arrives, at wall-clock pace from the last event: traces complete and
     * time-based checks run even when traffic stops. Answers what the detectors found.
     */
    public synchronized List<Finding> tick(Instant wallNow) {
        List<Finding> found = new ArrayList<>();
        if (lastEventWall != null && wallNow.isAfter(lastEventWall)) {
            advanceTo(watermarkAtLastEvent.plus(Duration.between(lastEventWall, wallNow)), gate(found));
        }
        return found;
    }

    /** Applies a person's judgement: to the detector that raised it, and to the score a finding needs from now on. */
    public synchronized void feedback(Feedback feedback) {
        if (feedback.verdict() == Feedback.Verdict.FALSE_POSITIVE) {
            scoreBars.merge(feedback.fingerprint(), feedback.score() * settings.falsePositiveScoreFactor(), Math::max);
        } else {
            scoreBars.remove(feedback.fingerprint());
        }
        each(d -> d.feedback(feedback));
    }

    public synchronized Instant watermark() {
        return watermark;
    }

    public synchronized EngineStats stats() {
        return new EngineStats(events, tracesCompleted, openTraces.size(), findingsRaised, findingsSuppressed,
                watermark);
    }

    /** Everything the engine and its detectors know, as one JSON tree. */
    public synchronized JsonNode snapshot(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("format", SNAPSHOT_FORMAT);
        root.put("watermark", watermark.toString());
        root.put("events", events);
        root.put("tracesCompleted", tracesCompleted);
        root.put("findingsRaised", findingsRaised);
        root.put("findingsSuppressed", findingsSuppressed);
        root.set("openTraces", mapper.valueToTree(openTraces.values().stream().map(OpenTrace::spans).toList()));
        root.set("openSessions", mapper.valueToTree(openSessions.values().stream().map(OpenTrace::spans).toList()));
        root.set("reportParts", mapper.valueToTree(reportParts));
        root.set("specParts", mapper.valueToTree(specParts));
        root.set("scoreBars", mapper.valueToTree(scoreBars));
        ObjectNode states = root.putObject("detectors");
        for (Detector detector : detectors) {
            JsonNode state = detector.snapshot(mapper);
            if (state != null) {
                states.set(detector.name(), state);
            }
        }
        return root;
    }

    /** Replaces the engine's state by a snapshot; a detector missing from it starts empty. */
    public synchronized void restore(JsonNode snapshot, ObjectMapper mapper) {
        watermark = Instant.parse(snapshot.path("watermark").asText(Instant.EPOCH.toString()));
        events = snapshot.path("events").asLong(0);
        tracesCompleted = snapshot.path("tracesCompleted").asLong(0);
        findingsRaised = snapshot.path("findingsRaised").asLong(0);
        findingsSuppressed = snapshot.path("findingsSuppressed").asLong(0);
        watermarkAtLastEvent = watermark;
        lastEventWall = null;
        openTraces.clear();
        List<List<SpanRecorded>> traces = mapper.convertValue(snapshot.path("openTraces"),
                new TypeReference<List<List<SpanRecorded>>>() { });
        if (traces != null) {
            for (List<SpanRecorded> spans : traces) {
                spans.forEach(this::collect);
            }
        }
        openSessions.clear();
        List<List<SpanRecorded>> sessions = mapper.convertValue(snapshot.path("openSessions"),
                new TypeReference<List<List<SpanRecorded>>>() { });
        if (sessions != null) {
            for (List<SpanRecorded> steps : sessions) {
                steps.forEach(step -> openSessions.computeIfAbsent(step.traceId(), k -> new OpenTrace(new ArrayList<>()))
                        .spans().add(step));
            }
        }
        reportParts.clear();
        Map<String, List<TestReportRecorded>> reports = mapper.convertValue(snapshot.path("reportParts"),
                new TypeReference<Map<String, List<TestReportRecorded>>>() { });
        if (reports != null) {
            reportParts.putAll(reports);
        }
        specParts.clear();
        Map<String, List<SpecPublished>> specs = mapper.convertValue(snapshot.path("specParts"),
                new TypeReference<Map<String, List<SpecPublished>>>() { });
        if (specs != null) {
            specParts.putAll(specs);
        }
        scoreBars.clear();
        Map<String, Double> bars = mapper.convertValue(snapshot.path("scoreBars"),
                new TypeReference<Map<String, Double>>() { });
        if (bars != null) {
            scoreBars.putAll(bars);
        }
        JsonNode states = snapshot.path("detectors");
        for (Detector detector : detectors) {
            JsonNode state = states.get(detector.name());
            if (state != null && !state.isNull()) {
                detector.restore(state, mapper);
            }
        }
    }

    private Findings gate(List<Finding> found) {
        return finding -> {
            Double bar = scoreBars.get(finding.fingerprint());
            if (bar != null && finding.score() < bar) {
                findingsSuppressed++;
                return;
            }
            findingsRaised++;
            found.add(finding);
        };
    }

    private void each(Consumer<Detector> call) {
        for (Detector detector : detectors) {
            call.accept(detector);
        }
    }

    private void advanceTo(Instant time, Findings out) {
        if (!time.isAfter(watermark)) {
            return;
        }
        watermark = time;
        completeTraces(out);
        Instant now = watermark;
        each(d -> d.advance(now, out));
    }

    private void collect(SpanRecorded span) {
        OpenTrace trace = openTraces.remove(span.traceId());
        if (trace == null) {
            trace = new OpenTrace(new ArrayList<>());
        }
        trace.spans().add(span);
        openTraces.put(span.traceId(), trace);
        if (trace.spans().size() >= settings.maxSpansPerTrace()) {
            openTraces.remove(span.traceId());
            completeLater.add(Trace.of(span.traceId(), trace.spans()));
        }
        while (openTraces.size() > settings.maxOpenTraces()) {
            Iterator<Map.Entry<String, OpenTrace>> oldest = openTraces.entrySet().iterator();
            Map.Entry<String, OpenTrace> entry = oldest.next();
            oldest.remove();
            completeLater.add(Trace.of(entry.getKey(), entry.getValue().spans()));
        }
    }

    /**
     * A log record carrying a session id ({@code session.id}, OpenTelemetry's session attribute) is a step of its
     * session's flow, as a span is a step of its trace's: the step is the record's mined template (else its body),
     * and a session is judged like a trace once no record came for {@link EngineSettings#sessionQuietTime()}.
     * The BEHAVIORAL detector learns and judges these flows with the traces' (their entry is the first template).
     */
    private void collectSessionStep(LogRecorded log) {
        String session = log.attributes().get(SESSION_ATTRIBUTE);
        if (session == null || session.isBlank() || log.service() == null) {
            return;
        }
        String step = log.template() != null ? log.template() : log.body() == null ? "" : log.body();
        if (step.length() > MAX_STEP_LENGTH) {
            step = step.substring(0, MAX_STEP_LENGTH);
        }
        String id = "session:" + log.service() + ":" + session;
        SpanRecorded pseudo = new SpanRecorded(log.service(), log.version(), id,
                EventIds.hash(log.time(), step, log.body(), log.spanId()), null, step, log.time(), 0, SpanStatus.OK,
                Map.of(SESSION_ATTRIBUTE, session), SpanKind.INTERNAL, log.environment());
        OpenTrace open = openSessions.remove(id);
        if (open == null) {
            open = new OpenTrace(new ArrayList<>());
        }
        open.spans().add(pseudo);
        openSessions.put(id, open);
        if (open.spans().size() >= settings.maxSpansPerTrace()) {
            openSessions.remove(id);
            completeLater.add(Trace.of(id, open.spans()));
        }
        while (openSessions.size() > settings.maxOpenTraces()) {
            Iterator<Map.Entry<String, OpenTrace>> oldest = openSessions.entrySet().iterator();
            Map.Entry<String, OpenTrace> entry = oldest.next();
            oldest.remove();
            completeLater.add(Trace.of(entry.getKey(), entry.getValue().spans()));
        }
    }

    private void completeTraces(Findings out) {
        Instant cutoff = watermark.minus(settings.traceQuietTime());
        List<Trace> complete = new ArrayList<>(completeLater);
        completeLater.clear();
        drain(openTraces, cutoff, complete);
        drain(openSessions, watermark.minus(settings.sessionQuietTime()), complete);
        for (Trace trace : complete) {
            tracesCompleted++;
            each(d -> d.onTrace(trace, out));
        }
    }

    /** Moves the flows that ended before {@code cutoff} out, oldest updated first (stops at the first still open). */
    private static void drain(LinkedHashMap<String, OpenTrace> open, Instant cutoff, List<Trace> complete) {
        Iterator<Map.Entry<String, OpenTrace>> it = open.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, OpenTrace> entry = it.next();
            Trace trace = Trace.of(entry.getKey(), entry.getValue().spans());
            if (trace.end().isAfter(cutoff)) {
                break;
            }
            it.remove();
            complete.add(trace);
        }
    }

    private <T> List<T> assemble(Map<String, List<T>> pending, String id, T part, int parts) {
        if (parts <= 1) {
            return List.of(part);
        }
        List<T> collected = pending.computeIfAbsent(id, k -> new ArrayList<>());
        collected.add(part);
        if (collected.size() >= parts) {
            pending.remove(id);
            return collected;
        }
        while (pending.size() > MAX_PENDING_DOCUMENTS) {
            Iterator<String> oldest = pending.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return null;
    }

    private record OpenTrace(List<SpanRecorded> spans) {
    }
}
