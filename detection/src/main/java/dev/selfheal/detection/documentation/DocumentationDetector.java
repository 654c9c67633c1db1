package dev.selfheal.detection.documentation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tdunning.math.stats.MergingDigest;
import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.DocsRegenerated;
import dev.selfheal.contracts.v1.EventIds;
import dev.selfheal.contracts.v1.Severity;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.SpecPublished;
import dev.selfheal.detection.documentation.ServiceContract.Documented;
import dev.selfheal.detection.documentation.ServiceContract.FlowWindow;
import dev.selfheal.detection.documentation.ServiceContract.Seen;
import dev.selfheal.detection.documentation.ServiceContract.Undocumented;
import dev.selfheal.detection.engine.ApiSpec;
import dev.selfheal.detection.engine.Detector;
import dev.selfheal.detection.engine.Feedback;
import dev.selfheal.detection.engine.Finding;
import dev.selfheal.detection.engine.Findings;
import dev.selfheal.detection.engine.Trace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * DOCUMENTATION: observed behaviour that contradicts the documented contract of a service, its latest API document
 * ({@link #onSpec}) and the flows its documentation describes ({@link #onDocs}).
 *
 * <ul>
 *   <li>{@code undocumented}: a server handler (SERVER span, an {@code http.route}, or a name shaped
 *       {@code METHOD /path}) the document does not list, once called {@link DocumentationSettings#minCalls()} times
 *       since the document arrived. Score: its share of the service's server calls since then; MEDIUM from 5%,
 *       else LOW.</li>
 *   <li>{@code never-seen}: a documented operation not called for {@link DocumentationSettings#neverSeenPeriod()}
 *       while the service had traffic. Score: time unseen over the period (1 and up); LOW.</li>
 *   <li>{@code latency-budget}: an operation's p95 over {@link DocumentationSettings#latencyWindow()} above its
 *       {@code x-latency-budget-ms}, with confidence ({@link DocumentationSettings#latencySigmas()}). Score: p95 over
 *       budget (above 1); HIGH from twice the budget, else MEDIUM.</li>
 *   <li>{@code flow-mismatch:<hash>} (8 hex digits of the flow): a flow at least
 *       {@link DocumentationSettings#minFlowShare()} of a documented entry's recent traces that no documented flow of
 *       the entry describes (score: its share; MEDIUM from 50%, else LOW), or a documented flow not followed for
 *       {@link DocumentationSettings#neverSeenPeriod()} while the entry had traffic (score: time unseen over the
 *       period; LOW). Entries the documentation describes no flow for are not judged.</li>
 * </ul>
 *
 * <p>A person's {@code FALSE_POSITIVE} accepts the handler, operation or flow (never raised again); for a latency
 * budget it moves the budget to the judged p95 plus {@link DocumentationSettings#budgetMargin()}.
 */
public final class DocumentationDetector implements Detector {

    public static final String NAME = "documentation";
    static final String UNDOCUMENTED = "undocumented";
    static final String NEVER_SEEN = "never-seen";
    /** Versions per service whose last call is remembered. */
    private static final int MAX_VERSIONS = 8;
    /** A version that served no call for this long is no longer running. */
    private static final Duration STOPPED_AFTER = Duration.ofMinutes(10);
    static final String LATENCY_BUDGET = "latency-budget";
    static final String FLOW_MISMATCH = "flow-mismatch:";
    private static final int SNAPSHOT_FORMAT = 1;
    private static final int MAX_ACCEPTED = 256;
    private static final double QUANTILE = 0.95;

    private final DocumentationSettings settings;
    private final long bucketMs;
    private LinkedHashMap<String, ServiceContract> services = new LinkedHashMap<>();
    private long watermarkMs;
    private long nextCheckMs;

    public DocumentationDetector() {
        this(DocumentationSettings.DEFAULTS);
    }

    public DocumentationDetector(DocumentationSettings settings) {
        this.settings = settings;
        this.bucketMs = Math.max(1, settings.latencyWindow().toMillis() / settings.latencyBuckets());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void onSpec(ApiSpec spec, Findings out) {
        ServiceContract sc = service(spec.service());
        long received = spec.receivedAt() == null ? watermarkMs : spec.receivedAt().toEpochMilli();
        if (received < sc.specReceivedMs) {
            return;
        }
        LinkedHashMap<String, Documented> operations = new LinkedHashMap<>();
        for (SpecPublished.Operation op : spec.operations()) {
            String key = Operations.key(op.method(), op.path());
            Documented d = new Documented(op.handler(), op.operationId(), op.latencyBudgetMs());
            Documented before = sc.operations.get(key);
            if (before != null) {
                d.lastSeenMs = before.lastSeenMs;
                d.latency = before.latency;
                d.slowTraces = before.slowTraces;
                d.acceptedBudgetMs = Objects.equals(before.budgetMs, d.budgetMs) ? before.acceptedBudgetMs : null;
            }
            operations.put(key, d);
        }
        sc.operations = operations;
        sc.specId = spec.specId();
        sc.specVersion = spec.version();
        sc.specReceivedMs = received;
        sc.specAtMs = watermarkMs > 0 ? watermarkMs : received;
        sc.callsSinceSpec = 0;
        sc.undocumented.clear();
    }

    @Override
    public void onDocs(DocsRegenerated docs, Findings out) {
        ServiceContract sc = service(docs.service());
        if (docs.docVersion() < sc.docVersion) {
            return;
        }
        LinkedHashMap<String, LinkedHashMap<String, List<String>>> byEntry = new LinkedHashMap<>();
        if (docs.flows() != null) {
            for (DocsRegenerated.DocumentedFlow f : docs.flows()) {
                if (!f.steps().isEmpty()) {
                    byEntry.computeIfAbsent(f.entry(), k -> new LinkedHashMap<>()).put(hash(f.steps()), f.steps());
                }
            }
        }
        sc.docVersion = docs.docVersion();
        sc.docsAtMs = watermarkMs > 0 ? watermarkMs : docs.generatedAt().toEpochMilli();
        sc.documentedFlows = byEntry;
        sc.flows.keySet().retainAll(byEntry.keySet());
        sc.flows.forEach((entry, w) -> w.documentedLastSeen.keySet().retainAll(byEntry.get(entry).keySet()));
    }

    @Override
    public void onSpan(SpanRecorded span, Findings out) {
        if (!Operations.isServer(span)) {
            return;
        }
        ServiceContract sc = services.get(span.service());
        if (sc == null || sc.specAtMs < 0) {
            return;
        }
        touch(sc);
        sc.lastCallMs = Math.max(sc.lastCallMs, span.start().toEpochMilli());
        sc.lastVersion = span.version();
        if (span.version() != null) {
            sc.versionsSeenMs.remove(span.version());
            sc.versionsSeenMs.put(span.version(), span.start().toEpochMilli());
            while (sc.versionsSeenMs.size() > MAX_VERSIONS) {
                sc.versionsSeenMs.remove(sc.versionsSeenMs.keySet().iterator().next());
            }
        }
        sc.callsSinceSpec++;
        String key = Operations.keyOf(span);
        Documented d = sc.operations.get(key);
        if (d == null) {
            d = sc.operations.values().stream()
                    .filter(o -> o.operationId != null && o.operationId.equals(span.handler())).findFirst().orElse(null);
        }
        if (d != null) {
            observed(sc, d, span, out);
        } else {
            undocumented(sc, key, span, out);
        }
    }

    private void observed(ServiceContract sc, Documented d, SpanRecorded span, Findings out) {
        long start = span.start().toEpochMilli();
        d.lastSeenMs = Math.max(d.lastSeenMs, start);
        if (d.budgetMs == null) {
            return;
        }
        d.latency.computeIfAbsent(start / bucketMs, b -> new MergingDigest(settings.compression()))
                .add(span.durationMs());
        if (span.durationMs() > d.budget()) {
            d.overSinceMs = d.overSinceMs < 0 ? start : d.overSinceMs;
            d.slowTraces.addFirst(span.traceId());
            while (d.slowTraces.size() > settings.maxExamples()) {
                d.slowTraces.removeLast();
            }
        }
        if (watermarkMs - d.lastCheckMs < settings.minRaiseInterval().toMillis()) {
            return;
        }
        d.lastCheckMs = watermarkMs;
        long oldest = watermarkMs / bucketMs - settings.latencyBuckets() + 1;
        d.latency.headMap(oldest).clear();
        MergingDigest window = new MergingDigest(settings.compression());
        window.add(List.copyOf(d.latency.values()));
        if (window.size() < settings.minLatencyCalls()) {
            return;
        }
        double p95 = window.quantile(QUANTILE);
        double calls = window.size();
        double over = (1 - window.cdf(d.budget())) * calls;
        double expected = (1 - QUANTILE) * calls;
        if (p95 <= d.budget()
                || over < expected + settings.latencySigmas() * Math.sqrt(expected * QUANTILE)) {
            d.overSinceMs = -1;
            return;
        }
        double ratio = p95 / d.budget();
        raise(sc, d.handler, LATENCY_BUDGET, ratio, ratio >= 2 ? Severity.HIGH : Severity.MEDIUM,
                "p95 of " + d.handler + " is " + Math.round(p95) + " ms over the last "
                        + settings.latencyWindow().toMinutes() + " min, above its documented budget of "
                        + Math.round(d.budget()) + " ms",
                d.overSinceMs < 0 ? watermarkMs : d.overSinceMs,
                Map.of("p95Ms", p95, "budgetMs", d.budget(), "documentedBudgetMs", d.budgetMs,
                        "calls", calls, "callsOverBudget", over),
                Map.of("specId", sc.specId, "specVersion", sc.specVersion, "window",
                        settings.latencyWindow().toString()),
                List.copyOf(d.slowTraces), out);
    }

    private void undocumented(ServiceContract sc, String key, SpanRecorded span, Findings out) {
        Undocumented u = sc.undocumented.remove(key);
        if (u == null) {
            u = new Undocumented();
            u.handler = span.handler();
            u.firstMs = span.start().toEpochMilli();
        }
        sc.undocumented.put(key, u);
        trim(sc.undocumented);
        u.calls++;
        u.version = span.version();
        u.examples.addFirst(span.traceId());
        while (u.examples.size() > settings.maxExamples()) {
            u.examples.removeLast();
        }
        if (u.calls < settings.minCalls()) {
            return;
        }
        double share = (double) u.calls / sc.callsSinceSpec;
        raise(sc, u.handler, UNDOCUMENTED, share, share >= 0.05 ? Severity.MEDIUM : Severity.LOW,
                u.handler + " was called " + u.calls + " times, but the API document of " + sc.service
                        + " does not list it",
                u.firstMs,
                Map.of("calls", (double) u.calls, "share", share, "documentedOperations",
                        (double) sc.operations.size()),
                Map.of("specId", sc.specId, "specVersion", sc.specVersion, "operationKey", key),
                List.copyOf(u.examples), out);
    }

    @Override
    public void onTrace(Trace trace, Findings out) {
        List<SpanRecorded> steps = trace.steps();
        if (steps.isEmpty()) {
            return;
        }
        SpanRecorded first = steps.get(0);
        List<String> flow = trace.flow();
        String entry = flow.get(0);
        ServiceContract sc = services.get(first.service());
        if (sc == null || !sc.documentedFlows.containsKey(entry)) {
            return;
        }
        FlowWindow w = sc.flows.remove(entry);
        w = w == null ? new FlowWindow() : w;
        sc.flows.put(entry, w);
        trim(sc.flows);
        w.handler = first.handler();
        w.version = first.version();
        String hash = hash(flow);
        long start = first.start().toEpochMilli();
        w.traces.addLast(new Seen(trace.traceId(), start, trace.end().toEpochMilli(), hash, flow));
        w.counts.merge(hash, 1, Integer::sum);
        if (sc.documentedFlows.get(entry).containsKey(hash)) {
            w.documentedLastSeen.merge(hash, start, Math::max);
        }
        prune(w);
        w.dirty = true;
    }

    @Override
    public void advance(Instant watermark, Findings out) {
        watermarkMs = Math.max(watermarkMs, watermark.toEpochMilli());
        for (ServiceContract sc : List.copyOf(services.values())) {
            sc.flows.forEach((entry, w) -> {
                if (w.dirty) {
                    w.dirty = false;
                    prune(w);
                    commonFlows(sc, entry, w, out);
                }
            });
        }
        if (watermarkMs < nextCheckMs) {
            return;
        }
        nextCheckMs = watermarkMs + settings.minRaiseInterval().toMillis();
        for (ServiceContract sc : List.copyOf(services.values())) {
            neverSeenOperations(sc, out);
            neverSeenFlows(sc, out);
        }
    }

    private void commonFlows(ServiceContract sc, String entry, FlowWindow w, Findings out) {
        if (w.traces.size() < settings.minFlowTraces()) {
            return;
        }
        Map<String, List<String>> documented = sc.documentedFlows.get(entry);
        w.counts.forEach((hash, count) -> {
            double share = (double) count / w.traces.size();
            if (documented.containsKey(hash) || share < settings.minFlowShare()) {
                return;
            }
            long onset = Long.MAX_VALUE;
            List<String> steps = List.of();
            for (Seen s : w.traces) {
                if (s.hash().equals(hash)) {
                    onset = Math.min(onset, s.startMs());
                    steps = s.steps();
                }
            }
            raise(sc, w.version, w.handler, FLOW_MISMATCH + hash, share, share >= 0.5 ? Severity.MEDIUM : Severity.LOW,
                    Math.round(share * 100) + "% of recent " + entry + " traces follow a flow its documentation does"
                            + " not describe",
                    onset,
                    Map.of("share", share, "traces", (double) count, "windowTraces", (double) w.traces.size(),
                            "documentedFlows", (double) documented.size()),
                    Map.of("entry", entry, "observedFlow", String.join(" > ", steps), "documentedFlows",
                            documentedFlows(documented), "docVersion", Integer.toString(sc.docVersion)),
                    w.examples(hash, settings.maxExamples()), out);
        });
    }

    private void neverSeenOperations(ServiceContract sc, Findings out) {
        long period = settings.neverSeenPeriod().toMillis();
        if (sc.specAtMs < 0 || watermarkMs - sc.specAtMs < period || sc.callsSinceSpec < settings.minServiceCalls()
                || sc.lastCallMs < watermarkMs - period) {
            return;
        }
        Long specVersionSeen = sc.specVersion == null ? null : sc.versionsSeenMs.get(sc.specVersion);
        if (specVersionSeen != null && specVersionSeen < watermarkMs - STOPPED_AFTER.toMillis()) {
            // The latest document describes a version that ran and stopped (a release rolled back): operations
            // only it had are not expected to be called. A document for a version never seen still describes the
            // API (teams do not republish it for every release), so it is judged.
            return;
        }
        for (Documented d : sc.operations.values()) {
            long since = d.lastSeenMs >= 0 ? d.lastSeenMs : sc.specAtMs;
            if (watermarkMs - since < period) {
                continue;
            }
            raise(sc, d.handler, NEVER_SEEN, (double) (watermarkMs - since) / period, Severity.LOW,
                    d.handler + " is documented but was not called for "
                            + Duration.ofMillis(watermarkMs - since).toMinutes() + " min while " + sc.service
                            + " served " + sc.callsSinceSpec + " calls",
                    since,
                    Map.of("unseenMinutes", (watermarkMs - since) / 60_000.0, "serviceCalls",
                            (double) sc.callsSinceSpec),
                    Map.of("specId", sc.specId, "specVersion", sc.specVersion, "lastSeen",
                            d.lastSeenMs >= 0 ? Instant.ofEpochMilli(d.lastSeenMs).toString() : "never"),
                    List.of(), out);
        }
    }

    private void neverSeenFlows(ServiceContract sc, Findings out) {
        long period = settings.neverSeenPeriod().toMillis();
        if (sc.docsAtMs < 0 || watermarkMs - sc.docsAtMs < period) {
            return;
        }
        sc.flows.forEach((entry, w) -> {
            prune(w);
            if (w.traces.size() < settings.minFlowTraces()) {
                return;
            }
            sc.documentedFlows.get(entry).forEach((hash, steps) -> {
                long since = w.documentedLastSeen.getOrDefault(hash, sc.docsAtMs);
                if (watermarkMs - since < period) {
                    return;
                }
                raise(sc, w.version, w.handler, FLOW_MISMATCH + hash, (double) (watermarkMs - since) / period, Severity.LOW,
                        "the documented flow " + String.join(" > ", steps) + " was not followed for "
                                + Duration.ofMillis(watermarkMs - since).toMinutes() + " min while " + entry
                                + " had traffic",
                        since,
                        Map.of("unseenMinutes", (watermarkMs - since) / 60_000.0, "windowTraces",
                                (double) w.traces.size()),
                        Map.of("entry", entry, "documentedFlow", String.join(" > ", steps), "observedFlow",
                                w.traces.peekLast().steps().stream().reduce((a, b) -> a + " > " + b).orElse(""),
                                "docVersion", Integer.toString(sc.docVersion)),
                        List.of(), out);
            });
        });
    }

    private void raise(ServiceContract sc, String handler, String signature, double score, Severity severity,
            String summary, long onsetMs, Map<String, Double> figures, Map<String, String> details,
            List<String> examples, Findings out) {
        raise(sc, sc.lastVersion, handler, signature, score, severity, summary, onsetMs, figures, details, examples,
                out);
    }

    private void raise(ServiceContract sc, String version, String handler, String signature, double score,
            Severity severity, String summary, long onsetMs, Map<String, Double> figures, Map<String, String> details,
            List<String> examples, Findings out) {
        String key = signature + "|" + handler;
        if (sc.accepted.contains(key)) {
            return;
        }
        Long last = sc.lastRaised.get(key);
        if (last != null && watermarkMs - last < settings.minRaiseInterval().toMillis()) {
            return;
        }
        sc.lastRaised.put(key, watermarkMs);
        sc.lastRaised.values().removeIf(t -> t < watermarkMs - settings.neverSeenPeriod().toMillis());
        Map<String, String> allDetails = new LinkedHashMap<>();
        details.forEach((k, v) -> allDetails.put(k, v == null ? "" : v));
        out.raise(new Finding(Capability.DOCUMENTATION, sc.service, version, handler, signature, score,
                severity, summary, Instant.ofEpochMilli(onsetMs), Instant.ofEpochMilli(watermarkMs), figures,
                allDetails, examples));
    }

    /**
     * {@code FALSE_POSITIVE}: the handler, operation or flow is accepted as documented; a latency budget moves to
     * what was judged. {@code CONFIRMED} changes nothing.
     */
    @Override
    public void feedback(Feedback feedback) {
        if (feedback.capability() != Capability.DOCUMENTATION
                || feedback.verdict() != Feedback.Verdict.FALSE_POSITIVE) {
            return;
        }
        ServiceContract sc = services.get(feedback.service());
        if (sc == null) {
            return;
        }
        if (feedback.signature().equals(LATENCY_BUDGET)) {
            for (Documented d : sc.operations.values()) {
                if (d.handler.equals(feedback.handler()) && d.budgetMs != null) {
                    d.acceptedBudgetMs = d.budget() * Math.max(1, feedback.score()) * settings.budgetMargin();
                    d.overSinceMs = -1;
                }
            }
            return;
        }
        String key = feedback.signature() + "|" + feedback.handler();
        sc.accepted.remove(key);
        sc.accepted.add(key);
        while (sc.accepted.size() > MAX_ACCEPTED) {
            Iterator<String> oldest = sc.accepted.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    @Override
    public JsonNode snapshot(ObjectMapper mapper) {
        services.values().forEach(sc -> sc.operations.values().forEach(Documented::canonicalise));
        return mapper.valueToTree(new Snapshot(SNAPSHOT_FORMAT, watermarkMs, nextCheckMs, services));
    }

    @Override
    public void restore(JsonNode snapshot, ObjectMapper mapper) {
        try {
            Snapshot s = mapper.treeToValue(snapshot, Snapshot.class);
            services = s.services() == null ? new LinkedHashMap<>() : s.services();
            watermarkMs = s.watermarkMs();
            nextCheckMs = s.nextCheckMs();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a documentation detector snapshot", e);
        }
    }

    record Snapshot(int format, long watermarkMs, long nextCheckMs, LinkedHashMap<String, ServiceContract> services) {
    }

    private ServiceContract service(String name) {
        ServiceContract sc = services.remove(name);
        sc = sc == null ? new ServiceContract(name) : sc;
        services.put(name, sc);
        trim(services, settings.maxServices());
        return sc;
    }

    private void touch(ServiceContract sc) {
        services.remove(sc.service);
        services.put(sc.service, sc);
    }

    private void prune(FlowWindow w) {
        long from = watermarkMs - settings.flowWindow().toMillis();
        while (!w.traces.isEmpty() && (w.traces.size() > settings.flowWindowCap() || w.traces.peekFirst().endMs() < from)) {
            Seen gone = w.traces.removeFirst();
            w.counts.computeIfPresent(gone.hash(), (k, n) -> n > 1 ? n - 1 : null);
        }
    }

    private <V> void trim(LinkedHashMap<String, V> map) {
        trim(map, settings.maxHandlers());
    }

    private static <V> void trim(LinkedHashMap<String, V> map, int max) {
        while (map.size() > max) {
            Iterator<String> eldest = map.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    private static String documentedFlows(Map<String, List<String>> documented) {
        List<String> flows = new ArrayList<>();
        documented.values().forEach(steps -> flows.add(String.join(" > ", steps)));
        return String.join(" | ", flows);
    }

    /** A short, stable name of a flow: 8 hex digits of its steps' hash. */
    static String hash(List<String> steps) {
        return EventIds.hash(steps.toArray()).substring(0, 8);
    }
}
