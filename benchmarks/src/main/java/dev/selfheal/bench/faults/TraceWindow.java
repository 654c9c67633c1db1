package dev.selfheal.bench.faults;

import dev.selfheal.contracts.v1.SpanKind;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.healing.diagnosis.TraceSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The spans of recent traces, as telemetry-service keeps them for the healer: a rolling window of simulated time,
 * indexed by trace id, by the (service, handler) of each step, by the (service, target) of each call and by service.
 * Memory stays bounded by the window whatever the run's length.
 */
final class TraceWindow {

    /** One trace's spans so far and when it started (its earliest span). */
    static final class Entry {
        final String traceId;
        final List<SpanRecorded> spans = new ArrayList<>();
        final Set<String> keys = new HashSet<>();
        Instant start;
        boolean evicted;

        Entry(String traceId, Instant start) {
            this.traceId = traceId;
            this.start = start;
        }
    }

    private final Duration keep;
    private final Map<String, Entry> traces = new HashMap<>();
    private final Deque<Entry> arrival = new ArrayDeque<>();
    private final Map<String, Deque<Entry>> index = new HashMap<>();
    private Instant latest = Instant.EPOCH;

    TraceWindow(Duration keep) {
        this.keep = keep;
    }

    void add(SpanRecorded span) {
        if (span.traceId() == null || span.start() == null) {
            return;
        }
        Entry entry = traces.get(span.traceId());
        if (entry == null) {
            entry = new Entry(span.traceId(), span.start());
            traces.put(span.traceId(), entry);
            arrival.addLast(entry);
        }
        entry.spans.add(span);
        if (span.start().isBefore(entry.start)) {
            entry.start = span.start();
        }
        boolean call = span.kind() == SpanKind.CLIENT || span.kind() == SpanKind.PRODUCER;
        index(entry, call ? callKey(span.service(), target(span)) : stepKey(span.service(), span.handler()));
        index(entry, serviceKey(span.service()));
        if (span.start().isAfter(latest)) {
            latest = span.start();
            evict();
        }
    }

    private void index(Entry entry, String key) {
        if (entry.keys.add(key)) {
            Deque<Entry> entries = index.computeIfAbsent(key, k -> new ArrayDeque<>());
            while (!entries.isEmpty() && entries.peekFirst().evicted) {
                entries.pollFirst();
            }
            entries.addLast(entry);
        }
    }

    private void evict() {
        Instant horizon = latest.minus(keep);
        while (!arrival.isEmpty() && arrival.peekFirst().start.isBefore(horizon)) {
            Entry old = arrival.pollFirst();
            old.evicted = true;
            traces.remove(old.traceId);
        }
    }

    int size() {
        return traces.size();
    }

    /**
     * What the healer would read for a finding: observed = its example traces, then the most recent traces of its
     * handler (for a dependency: of the calls to its target) that started between its onset and its detection; when
     * none did, the most recent ones before its detection. Baseline = traces of the handler that started before the
     * onset, spread over the window, or of the service when the handler has none (a new handler, a new target).
     */
    TraceSample sample(boolean dependency, String service, String handler, List<String> examples, Instant onset,
            Instant detectedAt, int cap) {
        String key = dependency ? callKey(service, handler) : stepKey(service, handler);
        Set<String> chosen = new LinkedHashSet<>();
        List<List<SpanRecorded>> observed = new ArrayList<>();
        for (String id : examples) {
            Entry e = traces.get(id);
            if (e != null && observed.size() < cap && chosen.add(id)) {
                observed.add(List.copyOf(e.spans));
            }
        }
        int before = observed.size();
        newest(key, e -> !e.start.isBefore(onset) && !e.start.isAfter(detectedAt), cap, chosen, observed);
        if (observed.size() == before) {
            newest(key, e -> !e.start.isAfter(detectedAt), cap, chosen, observed);
        }
        List<List<SpanRecorded>> baseline = new ArrayList<>();
        spread(key, e -> e.start.isBefore(onset), cap, chosen, baseline);
        if (baseline.isEmpty()) {
            spread(serviceKey(service), e -> e.start.isBefore(onset), cap, chosen, baseline);
        }
        return new TraceSample(observed, baseline);
    }

    /**
     * Up to {@code cap} wanted traces spread evenly over the window: a baseline of the last seconds alone would be
     * taken in whatever state the system was just before the detector's onset, often already the faulty one.
     */
    private void spread(String key, Predicate<Entry> wanted, int cap, Set<String> chosen,
            List<List<SpanRecorded>> into) {
        Deque<Entry> entries = index.get(key);
        if (entries == null) {
            return;
        }
        List<Entry> eligible = entries.stream().filter(e -> !e.evicted && wanted.test(e)
                && !chosen.contains(e.traceId)).toList();
        int n = Math.min(cap, eligible.size());
        for (int k = 0; k < n; k++) {
            Entry e = eligible.get((int) ((long) k * eligible.size() / n));
            if (chosen.add(e.traceId)) {
                into.add(List.copyOf(e.spans));
            }
        }
    }

    private void newest(String key, Predicate<Entry> wanted, int cap, Set<String> chosen, List<List<SpanRecorded>> into) {
        Deque<Entry> entries = index.get(key);
        if (entries == null) {
            return;
        }
        for (Iterator<Entry> it = entries.descendingIterator(); it.hasNext() && into.size() < cap; ) {
            Entry e = it.next();
            if (!e.evicted && wanted.test(e) && chosen.add(e.traceId)) {
                into.add(List.copyOf(e.spans));
            }
        }
    }

    private static String stepKey(String service, String handler) {
        return "step\u001f" + service + '\u001f' + handler;
    }

    private static String callKey(String service, String target) {
        return "call\u001f" + service + '\u001f' + target;
    }

    private static String serviceKey(String service) {
        return "service\u001f" + service;
    }

    /** The call's target as telemetry-service names it (see its TraceMapper), else the span name. */
    private static String target(SpanRecorded span) {
        Map<String, String> a = span.attributes();
        if (a.get("peer.service") != null) {
            return a.get("peer.service");
        }
        if (a.get("server.address") != null) {
            return a.get("server.port") == null ? a.get("server.address")
                    : a.get("server.address") + ":" + a.get("server.port");
        }
        if (a.get("db.system") != null) {
            return a.get("db.namespace") == null ? a.get("db.system") : a.get("db.system") + "/" + a.get("db.namespace");
        }
        if (a.get("messaging.destination.name") != null) {
            return a.get("messaging.destination.name");
        }
        return span.handler();
    }
}
