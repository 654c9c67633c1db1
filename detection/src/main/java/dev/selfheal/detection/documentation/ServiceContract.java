package dev.selfheal.detection.documentation;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonGetter;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.tdunning.math.stats.MergingDigest;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link DocumentationDetector} knows of one service: its latest API document and what was observed of each
 * documented operation, the server handlers it does not list, its documented flows and the flows observed per
 * documented entry. Plain fields, written and read by Jackson as they are: this is the detector's snapshot.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
final class ServiceContract {

    String service;
    String lastVersion;
    long lastCallMs = -1;
    /** When each recently running version last served a call (at most a few versions). */
    LinkedHashMap<String, Long> versionsSeenMs = new LinkedHashMap<>();

    String specId;
    String specVersion;
    long specReceivedMs = -1;
    /** Event time at which the current document arrived; -1 without one. */
    long specAtMs = -1;
    long callsSinceSpec;
    /** Documented operations by key ({@link Operations#key}). */
    LinkedHashMap<String, Documented> operations = new LinkedHashMap<>();
    /** Observed server handlers the document does not list, by key, least recently called first. */
    LinkedHashMap<String, Undocumented> undocumented = new LinkedHashMap<>();

    int docVersion = -1;
    long docsAtMs = -1;
    /** Documented flows by entry step, each flow by its hash. */
    LinkedHashMap<String, LinkedHashMap<String, List<String>>> documentedFlows = new LinkedHashMap<>();
    /** Observed flows per documented entry, least recently seen entry first. */
    LinkedHashMap<String, FlowWindow> flows = new LinkedHashMap<>();

    /** When each finding ({@code signature|handler}) was last raised. */
    Map<String, Long> lastRaised = new TreeMap<>();
    /** Findings ({@code signature|handler}) a person judged false positives: not raised again. */
    LinkedHashSet<String> accepted = new LinkedHashSet<>();

    ServiceContract() {
    }

    ServiceContract(String service) {
        this.service = service;
    }

    /** A documented operation and what was observed of it. */
    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
            isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
    static final class Documented {
        String handler;
        String operationId;
        Double budgetMs;
        /** The budget a person's false-positive verdict moved it to; null while the documented one holds. */
        Double acceptedBudgetMs;
        long lastSeenMs = -1;
        /** Start of the first call over budget since the p95 was last within it; -1 when it is. */
        long overSinceMs = -1;
        long lastCheckMs = -1;
        ArrayDeque<String> slowTraces = new ArrayDeque<>();
        transient TreeMap<Long, MergingDigest> latency = new TreeMap<>();

        Documented() {
        }

        Documented(String handler, String operationId, Double budgetMs) {
            this.handler = handler;
            this.operationId = operationId;
            this.budgetMs = budgetMs;
        }

        double budget() {
            return acceptedBudgetMs != null ? acceptedBudgetMs : budgetMs;
        }

        /**
         * Replaces each digest by what its bytes restore. A digest read back from bytes is not the same object state as
         * the one that wrote them (its buffers are merged differently), so estimates would drift apart by fractions of a
         * call after a restart; going through the bytes at every snapshot keeps the running detector and a restored one
         * identical.
         */
        void canonicalise() {
            latencyBytes(latencyBytes());
        }

        @JsonGetter("latency")
        Map<Long, String> latencyBytes() {
            Map<Long, String> saved = new LinkedHashMap<>();
            latency.forEach((bucket, digest) -> {
                ByteBuffer buffer = ByteBuffer.allocate(digest.byteSize());
                digest.asBytes(buffer);
                saved.put(bucket, Base64.getEncoder().encodeToString(buffer.array()));
            });
            return saved;
        }

        @JsonSetter("latency")
        void latencyBytes(Map<Long, String> saved) {
            latency = new TreeMap<>();
            saved.forEach((bucket, bytes) -> latency.put(bucket,
                    MergingDigest.fromBytes(ByteBuffer.wrap(Base64.getDecoder().decode(bytes)))));
        }
    }

    /** A server handler the document does not list. */
    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
            isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
    static final class Undocumented {
        String handler;
        String version;
        long calls;
        long firstMs;
        ArrayDeque<String> examples = new ArrayDeque<>();
    }

    /** The recent traces of one documented entry, and when each documented flow was last followed. */
    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
            isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
    static final class FlowWindow {
        String handler;
        String version;
        ArrayDeque<Seen> traces = new ArrayDeque<>();
        /** Traces of the window per flow hash. */
        Map<String, Integer> counts = new TreeMap<>();
        /** Per documented flow hash, the start of the last trace that followed it. */
        Map<String, Long> documentedLastSeen = new TreeMap<>();
        boolean dirty;

        List<String> examples(String hash, int max) {
            List<String> found = new ArrayList<>();
            for (var it = traces.descendingIterator(); it.hasNext() && found.size() < max; ) {
                Seen s = it.next();
                if (s.hash().equals(hash)) {
                    found.add(s.traceId());
                }
            }
            return found;
        }
    }

    /** One trace of an entry's window. */
    record Seen(String traceId, long startMs, long endMs, String hash, List<String> steps) {
    }
}
