package dev.selfheal.detection.state;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tdunning.math.stats.MergingDigest;
import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.Severity;
import dev.selfheal.contracts.v1.StateMutated;
import dev.selfheal.detection.engine.Detector;
import dev.selfheal.detection.engine.Feedback;
import dev.selfheal.detection.engine.Finding;
import dev.selfheal.detection.engine.Findings;
import dev.selfheal.detection.stats.BoundedLru;
import dev.selfheal.detection.stats.FirstSeen;
import dev.selfheal.detection.stats.Digests;
import dev.selfheal.detection.stats.RaiseGate;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * STATE: a state mutation ({@link StateMutated}) breaks what was learned about its (service, state key).
 *
 * <p>Per key, from its first {@link Settings#minSamples} mutations (its cold start, nothing is reported), the detector
 * learns: the value types seen ({@link ValueType}), whether it is ever null, the numeric range (a t-digest: from its
 * 0.5 % to 99.5 % quantiles widened by {@link Settings#rangeMargin} of their span on both sides; for a key that was
 * always positive the span is a ratio and the widening multiplicative, because amounts, durations and counts are
 * long-tailed, where an additive margin alarms on every large order; never below zero when no negative value was
 * seen: quantiles make it robust to a few outliers), the distinct
 * values of a non-numeric key while there are at most {@link Settings#maxCategories} (then it is categorical), the
 * handlers that write it, and for categorical keys the previous-to-new transitions. Learning goes on after the cold
 * start with every mutation that breaks nothing; a mutation that breaks something is not learned.
 *
 * <p>Violations, each its own finding (service; handler = the writing handler; signature {@code kind:key}):
 * {@code type}, {@code null}, {@code range}, {@code value} (a categorical key's new value), {@code writer} (a handler
 * that never wrote the key), {@code transition} (a previous-to-new pair never seen), and {@code unexpected-key} (a
 * key first written after the service's {@link Settings#learningPeriod}; reported for {@link Settings#unexpectedFor}
 * after its first write). Details key / expected / observed; score 1 (a violation is a fact, not a degree);
 * severity MEDIUM, HIGH for null and type violations (they break code that reads the state).
 *
 * <p>Feedback FALSE_POSITIVE accepts what was judged: the observed type, null, value, writer or transition is
 * learned, a range widens to the last violating value, an unexpected key becomes expected. CONFIRMED changes nothing.
 *
 * <p>Memory: {@link Settings#maxKeys} keys (least recently used evicted), each a small digest, at most
 * {@link Settings#maxCategories} + 1 values, {@link Settings#maxWriters} writers and {@link Settings#maxTransitions}
 * transitions.
 */
public final class StateDetector implements Detector {

    public static final String NAME = "state";

    /** The kinds of value a state key holds, in the order they are tried. */
    public enum ValueType {
        NULL, BOOLEAN, INTEGER, DECIMAL, UUID, TIMESTAMP, TEXT
    }

    /**
     * The one configuration of the detector.
     *
     * @param minSamples      mutations of a key learned before its invariants are checked (and at least
     *                        {@code learningPeriod} of event time since its first write)
     * @param learningPeriod  event time from a service's first mutation during which new keys are expected
     * @param unexpectedFor   how long an unexpected key is reported after its first write
     * @param rangeMargin     share of the learned 0.5-99.5 % span a value may exceed it by (for positive keys, the
     *                        power of the ratio q99.5/q0.5 it may exceed q99.5 by, or fall below q0.5 by)
     * @param maxCategories   a non-numeric key with at most this many distinct values is categorical
     * @param maxWriters      writers remembered per key (beyond, writers are not checked)
     * @param maxTransitions  transitions remembered per key (beyond, transitions are not checked)
     * @param maxKeys         (service, key) pairs kept
     * @param maxServices     services whose first mutation time is remembered
     * @param minViolations   violations of one kind on one key within {@code violationWindow} before it is raised:
     *                        one odd value in thousands (the largest cart of the day) is not a broken invariant,
     *                        while a faulty handler breaks it again within seconds
     * @param violationWindow the window those violations are counted in
     */
    public record Settings(int minSamples, Duration learningPeriod, Duration unexpectedFor, double rangeMargin,
            int maxCategories, int maxWriters, int maxTransitions, int maxKeys, int maxServices, int minViolations,
            Duration violationWindow) {

        public static final Settings DEFAULTS = new Settings(100, Duration.ofMinutes(15), Duration.ofHours(1), 0.5, 12,
                50, 200, 20_000, 10_000, 3, Duration.ofSeconds(60));
    }

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final Settings settings;
    private final RaiseGate gate = new RaiseGate(Duration.ofSeconds(1), 40_000);
    private final FirstSeen servicesFirstSeen;
    private final BoundedLru<String, KeyState> keys;

    public StateDetector(Settings settings) {
        this.settings = settings;
        this.servicesFirstSeen = new FirstSeen(settings.maxServices());
        this.keys = new BoundedLru<>(settings.maxKeys());
    }

    public StateDetector() {
        this(Settings.DEFAULTS);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** What kind of value a state value is. */
    public static ValueType typeOf(String value) {
        if (value == null || value.isEmpty() || value.equalsIgnoreCase("null")) {
            return ValueType.NULL;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return ValueType.BOOLEAN;
        }
        if (INTEGER.matcher(value).matches()) {
            return ValueType.INTEGER;
        }
        if (DECIMAL.matcher(value).matches()) {
            return ValueType.DECIMAL;
        }
        if (UUID.matcher(value).matches()) {
            return ValueType.UUID;
        }
        if (value.length() >= 10 && Character.isDigit(value.charAt(0))) {
            try {
                OffsetDateTime.parse(value);
                return ValueType.TIMESTAMP;
            } catch (DateTimeParseException notOffset) {
                try {
                    Instant.parse(value);
                    return ValueType.TIMESTAMP;
                } catch (DateTimeParseException notInstant) {
                    return ValueType.TEXT;
                }
            }
        }
        return ValueType.TEXT;
    }

    private record Violation(String kind, String expected, String observed, Severity severity) {
    }

    @Override
    public void onState(StateMutated m, Findings out) {
        if (m.service() == null || m.key() == null || m.time() == null) {
            return;
        }
        Instant serviceSince = servicesFirstSeen.observe(m.service(), m.time());
        String id = m.service() + '\u001f' + m.key();
        KeyState key = keys.get(id);
        if (key == null) {
            boolean expected = m.time().isBefore(serviceSince.plus(settings.learningPeriod()));
            key = new KeyState(m.time(), expected);
            keys.put(id, key);
        }
        String handler = m.handler() == null ? "*" : m.handler();
        List<Violation> violations = new ArrayList<>();
        if (!key.expected && m.time().isBefore(key.firstSeen.plus(settings.unexpectedFor()))) {
            violations.add(new Violation("unexpected-key", "keys written during the learning period", m.key(),
                    Severity.MEDIUM));
        } else if (!key.expected) {
            key.expected = true;
        }
        // Invariants are checked once the key has both enough writes and a learning period behind it: a legitimate
        // but rare value (a failed payment's status, a few per cent of orders) shows up within minutes, not
        // necessarily within the first hundred writes.
        if (key.count >= settings.minSamples() && !m.time().isBefore(key.firstSeen.plus(settings.learningPeriod()))) {
            check(key, m, handler, violations);
        }
        boolean broken = violations.stream().anyMatch(v -> !v.kind().equals("unexpected-key"));
        if (!broken) {
            learn(key, m, handler);
        }
        for (Violation v : violations) {
            String signature = v.kind() + ":" + m.key();
            key.lastViolation.put(v.kind(), v.kind().equals("transition") ? m.previous() + "->" + m.value()
                    : v.kind().equals("writer") ? handler : m.value());
            Deque<Instant> recent = key.recentViolations.computeIfAbsent(v.kind(), k -> new ArrayDeque<>());
            recent.addLast(m.time());
            while (!recent.isEmpty() && recent.peekFirst().isBefore(m.time().minus(settings.violationWindow()))) {
                recent.removeFirst();
            }
            if (recent.size() < settings.minViolations()) {
                continue;
            }
            Instant onset = recent.peekFirst();
            if (gate.allow(Finding.fingerprintOf(Capability.STATE, m.service(), handler, signature), m.time())) {
                Map<String, String> details = new LinkedHashMap<>();
                details.put("key", m.key());
                details.put("expected", v.expected());
                details.put("observed", v.observed());
                if (m.previous() != null) {
                    details.put("previous", m.previous());
                }
                out.raise(new Finding(Capability.STATE, m.service(), m.version(), handler, signature, 1,
                        v.severity(), String.format(Locale.ROOT, "%s of %s wrote %s = %s: %s violation (expected %s)",
                                handler, m.service(), m.key(), m.value(), v.kind(), v.expected()),
                        onset, m.time(), Map.of("learnedSamples", (double) key.count,
                                "recentViolations", (double) recent.size()), details,
                        m.traceId() == null ? List.of() : List.of(m.traceId())));
            }
        }
    }

    private void check(KeyState key, StateMutated m, String handler, List<Violation> violations) {
        ValueType type = typeOf(m.value());
        if (type == ValueType.NULL) {
            if (!key.types.containsKey(ValueType.NULL.name())) {
                violations.add(new Violation("null", "never null", "null", Severity.HIGH));
            }
        } else if (!key.types.containsKey(type.name())
                && !(type == ValueType.INTEGER && key.types.containsKey(ValueType.DECIMAL.name()))) {
            violations.add(new Violation("type", String.join("|", key.types.keySet()), type.name(), Severity.HIGH));
        } else if ((type == ValueType.INTEGER || type == ValueType.DECIMAL) && key.numbers.size() >= settings.minSamples()) {
            double value = Double.parseDouble(m.value());
            double lo = key.numbers.quantile(0.005);
            double hi = key.numbers.quantile(0.995);
            double low;
            double high;
            if (key.numbers.getMin() > 0 && lo > 0) {
                double factor = Math.pow(hi / lo, settings.rangeMargin());
                low = lo / factor;
                high = hi * factor;
            } else {
                double margin = settings.rangeMargin() * (hi - lo);
                low = key.numbers.getMin() >= 0 ? Math.max(0, lo - margin) : lo - margin;
                high = hi + margin;
            }
            if (value < low || value > high) {
                violations.add(new Violation("range", String.format(Locale.ROOT, "[%s, %s]", number(low),
                        number(high)), m.value(), Severity.MEDIUM));
            }
        } else if (categorical(key) && !key.values.containsKey(m.value())) {
            violations.add(new Violation("value", String.join("|", key.values.keySet()), m.value(), Severity.MEDIUM));
        }
        if (key.writers.size() < settings.maxWriters() && !key.writers.contains(handler)) {
            violations.add(new Violation("writer", String.join("|", key.writers), handler, Severity.MEDIUM));
        }
        if (categorical(key) && m.previous() != null && key.values.containsKey(m.previous())
                && key.values.containsKey(m.value()) && key.transitions.size() < settings.maxTransitions()
                && !key.transitions.contains(m.previous() + "->" + m.value())) {
            violations.add(new Violation("transition", String.join("|", key.transitions),
                    m.previous() + "->" + m.value(), Severity.MEDIUM));
        }
    }

    private boolean categorical(KeyState key) {
        return !key.tooManyValues && !key.values.isEmpty() && !key.types.containsKey(ValueType.INTEGER.name())
                && !key.types.containsKey(ValueType.DECIMAL.name());
    }

    private void learn(KeyState key, StateMutated m, String handler) {
        key.count++;
        ValueType type = typeOf(m.value());
        key.types.merge(type.name(), 1L, Long::sum);
        if (type == ValueType.INTEGER || type == ValueType.DECIMAL) {
            key.numbers.add(Double.parseDouble(m.value()));
        }
        if (!key.tooManyValues && type != ValueType.NULL) {
            key.values.merge(m.value(), 1L, Long::sum);
            if (key.values.size() > settings.maxCategories()) {
                key.tooManyValues = true;
                key.values.clear();
            }
        }
        if (key.writers.size() < settings.maxWriters()) {
            key.writers.add(handler);
        }
        if (m.previous() != null && !key.tooManyValues && key.transitions.size() < settings.maxTransitions()) {
            key.transitions.add(m.previous() + "->" + m.value());
        }
    }

    @Override
    public void feedback(Feedback feedback) {
        if (feedback.capability() != Capability.STATE || feedback.verdict() != Feedback.Verdict.FALSE_POSITIVE) {
            return;
        }
        int colon = feedback.signature().indexOf(':');
        if (colon < 0) {
            return;
        }
        String kind = feedback.signature().substring(0, colon);
        KeyState key = keys.get(feedback.service() + '\u001f' + feedback.signature().substring(colon + 1));
        if (key == null) {
            return;
        }
        String observed = key.lastViolation.get(kind);
        switch (kind) {
            case "unexpected-key" -> key.expected = true;
            case "writer" -> key.writers.add(feedback.handler());
            case "null" -> key.types.merge(ValueType.NULL.name(), 1L, Long::sum);
            case "type" -> {
                if (observed != null) {
                    key.types.merge(typeOf(observed).name(), 1L, Long::sum);
                }
            }
            case "range" -> {
                if (observed != null) {
                    key.numbers.add(Double.parseDouble(observed), Math.max(1, (int) (key.numbers.size() / 50)));
                }
            }
            case "value" -> {
                if (observed != null) {
                    key.values.merge(observed, 1L, Long::sum);
                }
            }
            case "transition" -> {
                if (observed != null) {
                    key.transitions.add(observed);
                }
            }
            default -> {
            }
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.4g", value);
    }

    private static final class KeyState {
        final Instant firstSeen;
        boolean expected;
        long count;
        final Map<String, Long> types = new TreeMap<>();
        MergingDigest numbers = Digests.create(50);
        final Map<String, Long> values = new LinkedHashMap<>();
        boolean tooManyValues;
        final Set<String> writers = new LinkedHashSet<>();
        final Set<String> transitions = new LinkedHashSet<>();
        final Map<String, String> lastViolation = new TreeMap<>();
        /** Per violation kind, the times of its recent violations (within the violation window). */
        final Map<String, Deque<Instant>> recentViolations = new TreeMap<>();

        KeyState(Instant firstSeen, boolean expected) {
            this.firstSeen = firstSeen;
            this.expected = expected;
        }
    }

    record KeySnapshot(String id, String firstSeen, boolean expected, long count, Map<String, Long> types,
            byte[] numbers, Map<String, Long> values, boolean tooManyValues, List<String> writers,
            List<String> transitions, Map<String, String> lastViolation, Map<String, List<String>> recentViolations) {
    }

    private static Map<String, List<String>> recent(KeyState k) {
        Map<String, List<String>> recent = new TreeMap<>();
        k.recentViolations.forEach((kind, times) -> recent.put(kind, times.stream().map(Instant::toString).toList()));
        return recent;
    }

    @Override
    public JsonNode snapshot(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.set("services", servicesFirstSeen.snapshot(mapper));
        List<KeySnapshot> saved = new ArrayList<>();
        keys.forEach((id, k) -> saved.add(new KeySnapshot(id, k.firstSeen.toString(), k.expected, k.count, k.types,
                Digests.toBytes(k.numbers), k.values, k.tooManyValues, List.copyOf(k.writers),
                List.copyOf(k.transitions), k.lastViolation, recent(k))));
        root.set("keys", mapper.valueToTree(saved));
        root.set("gate", gate.snapshot(mapper));
        return root;
    }

    @Override
    public void restore(JsonNode snapshot, ObjectMapper mapper) {
        servicesFirstSeen.restore(snapshot.path("services"), mapper);
        keys.clear();
        List<KeySnapshot> saved = mapper.convertValue(snapshot.path("keys"), new TypeReference<List<KeySnapshot>>() { });
        if (saved != null) {
            for (KeySnapshot s : saved) {
                KeyState k = new KeyState(Instant.parse(s.firstSeen()), s.expected());
                k.count = s.count();
                k.types.putAll(s.types());
                k.numbers = Digests.fromBytes(s.numbers());
                k.values.putAll(s.values());
                k.tooManyValues = s.tooManyValues();
                k.writers.addAll(s.writers());
                k.transitions.addAll(s.transitions());
                k.lastViolation.putAll(s.lastViolation());
                if (s.recentViolations() != null) {
                    s.recentViolations().forEach((kind, times) -> k.recentViolations.put(kind,
                            new ArrayDeque<>(times.stream().map(Instant::parse).toList())));
                }
                keys.put(s.id(), k);
            }
        }
        gate.restore(snapshot.path("gate"), mapper);
    }
}
