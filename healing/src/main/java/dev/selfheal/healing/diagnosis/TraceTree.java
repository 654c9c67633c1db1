package dev.selfheal.healing.diagnosis;

import dev.selfheal.contracts.v1.SpanKind;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.SpanStatus;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One trace as a call tree: who called whom, in start order. Spans without an id are left out; a span whose parent
 * is not in the trace (lost, or still in flight) is treated as a root, so that a partial trace is still read.
 */
final class TraceTree {

    private static final Comparator<SpanRecorded> START_ORDER = Comparator
            .comparing((SpanRecorded s) -> s.start() == null ? Instant.EPOCH : s.start())
            .thenComparing(s -> s.spanId());

    private final List<SpanRecorded> spans;
    private final Map<String, SpanRecorded> byId = new HashMap<>();
    private final Map<String, List<SpanRecorded>> children = new HashMap<>();

    private TraceTree(List<SpanRecorded> spans) {
        List<SpanRecorded> kept = new ArrayList<>();
        for (SpanRecorded span : spans) {
            if (span != null && span.spanId() != null && byId.putIfAbsent(span.spanId(), span) == null) {
                kept.add(span);
            }
        }
        kept.sort(START_ORDER);
        this.spans = List.copyOf(kept);
        for (SpanRecorded span : this.spans) {
            if (span.parentSpanId() != null && byId.containsKey(span.parentSpanId())
                    && !span.parentSpanId().equals(span.spanId())) {
                children.computeIfAbsent(span.parentSpanId(), k -> new ArrayList<>()).add(span);
            }
        }
    }

    static TraceTree of(List<SpanRecorded> spans) {
        return new TraceTree(spans == null ? List.of() : spans);
    }

    List<SpanRecorded> spans() {
        return spans;
    }

    boolean isEmpty() {
        return spans.isEmpty();
    }

    List<SpanRecorded> children(SpanRecorded span) {
        return children.getOrDefault(span.spanId(), List.of());
    }

    SpanRecorded parent(SpanRecorded span) {
        return span.parentSpanId() == null ? null : byId.get(span.parentSpanId());
    }

    /** The span and everything below it, depth first in start order; a malformed cycle is visited once. */
    List<SpanRecorded> subtree(SpanRecorded root) {
        List<SpanRecorded> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Deque<SpanRecorded> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            SpanRecorded span = todo.pop();
            if (!seen.add(span.spanId())) {
                continue;
            }
            out.add(span);
            List<SpanRecorded> below = children(span);
            for (int i = below.size() - 1; i >= 0; i--) {
                todo.push(below.get(i));
            }
        }
        return out;
    }

    /** The step that made a call (a CLIENT or PRODUCER span's nearest step ancestor); a step is its own owner. */
    SpanRecorded owningStep(SpanRecorded span) {
        SpanRecorded current = span;
        for (int depth = 0; current != null && depth < spans.size() + 1; depth++) {
            if (isStep(current)) {
                return current;
            }
            current = parent(current);
        }
        return null;
    }

    /**
     * The steps a step called directly, in start order: its step children and the steps answering its calls (a
     * call's CLIENT span sits between the caller's and the callee's spans).
     */
    List<SpanRecorded> calledSteps(SpanRecorded step) {
        List<SpanRecorded> out = new ArrayList<>();
        Deque<SpanRecorded> todo = new ArrayDeque<>(children(step));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            SpanRecorded span = todo.pollFirst();
            if (!seen.add(span.spanId())) {
                continue;
            }
            if (isStep(span)) {
                out.add(span);
            } else {
                todo.addAll(children(span));
            }
        }
        out.sort(START_ORDER);
        return out;
    }

    /** Where a span's time or error belongs: a step's handler, or a call's dependency and the handler making it. */
    Site site(SpanRecorded span) {
        if (isStep(span)) {
            return new Site(span.service(), span.handler(), null);
        }
        SpanRecorded owner = owningStep(span);
        String target = target(span);
        return new Site(span.service(), owner == null ? null : owner.handler(), target == null ? span.handler() : target);
    }

    /** Steps are every span but the calling side of a call, as the detectors count them. */
    static boolean isStep(SpanRecorded span) {
        return span.kind() != SpanKind.CLIENT && span.kind() != SpanKind.PRODUCER;
    }

    /**
     * Whether the span reports a failure: an error status, an error or exception type, or an HTTP error answer. A
     * 4xx counts because a handler that answers "not found" to a caller is where that caller's failure starts, even
     * though OpenTelemetry leaves such a server span's status unset.
     */
    static boolean failing(SpanRecorded span) {
        if (span.status() == SpanStatus.ERROR) {
            return true;
        }
        Map<String, String> a = span.attributes();
        if (a.containsKey("error.type") || a.containsKey("exception.type")) {
            return true;
        }
        String code = a.getOrDefault("http.response.status_code", a.get("http.status_code"));
        if (code == null) {
            return false;
        }
        try {
            return Double.parseDouble(code) >= 400;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The failure's type as the span reports it, or null. */
    static String errorType(SpanRecorded span) {
        Map<String, String> a = span.attributes();
        String type = a.get("exception.type");
        if (type == null) {
            type = a.get("error.type");
        }
        if (type == null) {
            type = a.getOrDefault("http.response.status_code", a.get("http.status_code"));
        }
        return type;
    }

    /**
     * What a CLIENT or PRODUCER span calls, named as telemetry-service names a dependency (peer.service, then
     * server.address[:port], then db.system/db.namespace, then the messaging destination); null when it says
     * nothing.
     */
    static String target(SpanRecorded span) {
        Map<String, String> a = span.attributes();
        String peer = blankToNull(a.get("peer.service"));
        if (peer != null) {
            return peer;
        }
        String address = blankToNull(a.get("server.address"));
        if (address != null) {
            String port = blankToNull(a.get("server.port"));
            return port == null ? address : address + ":" + port;
        }
        String db = blankToNull(a.getOrDefault("db.system", a.get("db.system.name")));
        if (db != null) {
            String namespace = blankToNull(a.getOrDefault("db.namespace", a.get("db.name")));
            return namespace == null ? db : db + "/" + namespace;
        }
        String destination = blankToNull(a.get("messaging.destination.name"));
        return destination != null ? destination : blankToNull(a.get("messaging.system"));
    }

    /** The span's duration not covered by its children (their intervals merged, clipped to the span's). */
    double selfTime(SpanRecorded span) {
        List<SpanRecorded> calls = children(span);
        if (span.start() == null) {
            return Math.max(0, span.durationMs());
        }
        long start = nanos(span.start());
        long end = start + (long) (span.durationMs() * 1_000_000);
        long[][] intervals = new long[calls.size()][];
        int n = 0;
        for (SpanRecorded call : calls) {
            if (call.start() == null) {
                continue;
            }
            long from = Math.max(start, nanos(call.start()));
            long to = Math.min(end, nanos(call.start()) + (long) (call.durationMs() * 1_000_000));
            intervals[n++] = new long[] {from, Math.max(from, to)};
        }
        long[][] used = Arrays.copyOf(intervals, n);
        Arrays.sort(used, Comparator.comparingLong(x -> x[0]));
        long covered = 0;
        long reach = start;
        for (long[] interval : used) {
            long from = Math.max(reach, interval[0]);
            if (interval[1] > from) {
                covered += interval[1] - from;
                reach = interval[1];
            }
        }
        return Math.max(0, (end - start) - covered) / 1_000_000.0;
    }

    /** Each site's self time within the span's subtree, summed. */
    Map<Site, Double> selfTimes(SpanRecorded root) {
        Map<Site, Double> out = new LinkedHashMap<>();
        for (SpanRecorded span : subtree(root)) {
            out.merge(site(span), selfTime(span), Double::sum);
        }
        return out;
    }

    private static long nanos(Instant time) {
        return time.getEpochSecond() * 1_000_000_000L + time.getNano();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * A place in the system a cause can sit: a handler of a service, or a dependency called from one.
     *
     * @param service    the service
     * @param handler    the handler (for a call: the handler making it; null when unknown)
     * @param dependency the called dependency, for a call; else null
     */
    record Site(String service, String handler, String dependency) {

        boolean isCall() {
            return dependency != null;
        }

        @Override
        public String toString() {
            return service + (handler == null ? "" : " " + handler) + (dependency == null ? "" : " -> " + dependency);
        }
    }
}
