package dev.selfheal.detection.behaviour;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.DocsRegenerated;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.detection.engine.Detector;
import dev.selfheal.detection.engine.Feedback;
import dev.selfheal.detection.engine.Findings;
import dev.selfheal.detection.engine.Trace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BEHAVIORAL: flows (the ordered steps of a trace, {@link Trace#flow()}) that depart from the flows learnt from the
 * traffic of their entry step, or from the flows documented for it.
 *
 * <p>Per entry (a trace's first step, {@code service:handler}) it counts flow variants, learns a
 * {@link dev.selfheal.detection.flow.FlowModel} from them every {@link BehaviourSettings#relearnEvery()} traces and,
 * once {@link BehaviourSettings#minTraces()} traces were learnt, judges each trace against it (see
 * {@link EntryFlows}). A departure is raised only when it recurs: at least {@link BehaviourSettings#minOccurrences()}
 * traces and {@link BehaviourSettings#minShare()} of the entry's traces in the window show it.
 *
 * <p>Signatures: {@code missing-step:<step>}, {@code unseen-step:<step>}, {@code reordered:<before>|<after>} (the
 * learnt order), {@code unseen-transition:<a>-><b>} ({@code ^} and {@code $} stand for the flow's start and end),
 * {@code count-invariant:<relation>}, {@code undocumented-flow}. Score: the share of the entry's traces in the window
 * showing it, 0 to 1; severity HIGH from 0.5, MEDIUM from 0.25, else LOW. Findings are decided in
 * {@link #advance}, with the watermark as their detection time, since the engine hands over traces before telling
 * the watermark that completed them.
 */
public final class BehaviourDetector implements Detector {

    public static final String NAME = "behaviour";
    private static final int SNAPSHOT_FORMAT = 1;

    private final BehaviourSettings settings;
    private final LinkedHashMap<String, EntryFlows> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final LinkedHashMap<String, DocumentedFlows> documented = new LinkedHashMap<>();
    private long watermarkMs;

    public BehaviourDetector() {
        this(BehaviourSettings.DEFAULTS);
    }

    public BehaviourDetector(BehaviourSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
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
        EntryFlows flows = entries.get(entry);
        if (flows == null) {
            flows = new EntryFlows(entry, first.service(), first.handler(), settings);
            entries.put(entry, flows);
            while (entries.size() > settings.maxEntries()) {
                Iterator<String> eldest = entries.keySet().iterator();
                eldest.next();
                eldest.remove();
            }
        }
        DocumentedFlows docs = documented.get(first.service());
        flows.observe(trace.traceId(), first.version(), first.start(), trace.end(), flow,
                docs == null ? null : docs.byEntry().get(entry), watermarkMs);
    }

    @Override
    public void onDocs(DocsRegenerated docs, Findings out) {
        DocumentedFlows known = documented.get(docs.service());
        if (known != null && known.docVersion() > docs.docVersion()) {
            return;
        }
        Map<String, Set<List<String>>> byEntry = new LinkedHashMap<>();
        if (docs.flows() != null) {
            for (DocsRegenerated.DocumentedFlow f : docs.flows()) {
                if (!f.steps().isEmpty()) {
                    byEntry.computeIfAbsent(f.entry(), k -> new LinkedHashSet<>()).add(f.steps());
                }
            }
        }
        documented.remove(docs.service());
        documented.put(docs.service(), new DocumentedFlows(docs.docVersion(), byEntry));
        while (documented.size() > settings.maxEntries()) {
            Iterator<String> eldest = documented.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    @Override
    public void advance(Instant watermark, Findings out) {
        watermarkMs = Math.max(watermarkMs, watermark.toEpochMilli());
        for (EntryFlows flows : List.copyOf(entries.values())) {
            if (flows.dirty) {
                flows.evaluate(watermarkMs, out);
            }
        }
    }

    /** {@code FALSE_POSITIVE}: the flows showing the signature become normal; {@code CONFIRMED} changes nothing. */
    @Override
    public void feedback(Feedback feedback) {
        if (feedback.capability() != Capability.BEHAVIORAL || feedback.verdict() != Feedback.Verdict.FALSE_POSITIVE) {
            return;
        }
        EntryFlows flows = entries.get(feedback.service() + ":" + feedback.handler());
        if (flows != null) {
            flows.accept(feedback.signature());
        }
    }

    @Override
    public JsonNode snapshot(ObjectMapper mapper) {
        List<EntrySnapshot> saved = new ArrayList<>();
        for (EntryFlows e : entries.values()) {
            List<Counted> pending = new ArrayList<>();
            e.quarantined.forEach((flow, q) -> pending.add(
                    new Counted(flow, q.count, List.copyOf(q.signatures))));
            saved.add(new EntrySnapshot(e.entry, e.service, e.handler, e.traces, e.sinceLearn, counted(e.learnt),
                    counted(e.fresh), pending, List.copyOf(e.window), Map.copyOf(e.onsets), Map.copyOf(e.lastRaised),
                    List.copyOf(e.accepted), List.copyOf(e.alarmed), e.dirty));
        }
        List<DocsSnapshot> docs = new ArrayList<>();
        documented.forEach((service, d) -> docs.add(new DocsSnapshot(service, d.docVersion(),
                d.byEntry().entrySet().stream().map(x -> new EntryDocs(x.getKey(), List.copyOf(x.getValue()))).toList())));
        return mapper.valueToTree(new Snapshot(SNAPSHOT_FORMAT, watermarkMs, saved, docs));
    }

    @Override
    public void restore(JsonNode snapshot, ObjectMapper mapper) {
        Snapshot s;
        try {
            s = mapper.treeToValue(snapshot, Snapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a behaviour detector snapshot", e);
        }
        entries.clear();
        documented.clear();
        watermarkMs = s.watermarkMs();
        for (EntrySnapshot saved : s.entries()) {
            EntryFlows e = new EntryFlows(saved.entry(), saved.service(), saved.handler(), settings);
            e.traces = saved.traces();
            e.sinceLearn = saved.sinceLearn();
            saved.learnt().forEach(c -> e.learnt.put(c.steps(), c.count()));
            saved.fresh().forEach(c -> e.fresh.put(c.steps(), c.count()));
            for (Counted c : saved.quarantined()) {
                EntryFlows.Quarantined q = new EntryFlows.Quarantined();
                q.count = c.count();
                q.signatures.addAll(c.signatures());
                e.quarantined.put(c.steps(), q);
            }
            for (EntryFlows.Observed o : saved.window()) {
                e.window.addLast(o);
                o.signatures().forEach(sig -> e.windowCounts.merge(sig, 1, Integer::sum));
            }
            e.onsets.putAll(saved.onsets());
            e.lastRaised.putAll(saved.lastRaised());
            e.accepted.addAll(saved.accepted());
            e.alarmed.addAll(saved.alarmed());
            e.dirty = saved.dirty();
            e.restoreModel();
            entries.put(e.entry, e);
        }
        for (DocsSnapshot d : s.documented()) {
            Map<String, Set<List<String>>> byEntry = new LinkedHashMap<>();
            d.entries().forEach(x -> byEntry.put(x.entry(), new LinkedHashSet<>(x.flows())));
            documented.put(d.service(), new DocumentedFlows(d.docVersion(), byEntry));
        }
    }

    private static List<Counted> counted(Map<List<String>, Long> counts) {
        return counts.entrySet().stream().map(e -> new Counted(e.getKey(), e.getValue(), List.of())).toList();
    }

    private record DocumentedFlows(int docVersion, Map<String, Set<List<String>>> byEntry) {
    }

    record Snapshot(int format, long watermarkMs, List<EntrySnapshot> entries, List<DocsSnapshot> documented) {
    }

    record EntrySnapshot(String entry, String service, String handler, long traces, int sinceLearn,
            List<Counted> learnt, List<Counted> fresh, List<Counted> quarantined, List<EntryFlows.Observed> window,
            Map<String, Long> onsets, Map<String, Long> lastRaised, List<String> accepted, List<String> alarmed,
            boolean dirty) {
    }

    record Counted(List<String> steps, long count, List<String> signatures) {
    }

    record DocsSnapshot(String service, int docVersion, List<EntryDocs> entries) {
    }

    record EntryDocs(String entry, List<List<String>> flows) {
    }
}
