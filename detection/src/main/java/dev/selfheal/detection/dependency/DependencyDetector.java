package dev.selfheal.detection.dependency;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.DependencyCalled;
import dev.selfheal.contracts.v1.Severity;
import dev.selfheal.contracts.v1.SpanStatus;
import dev.selfheal.detection.engine.Detector;
import dev.selfheal.detection.engine.Feedback;
import dev.selfheal.detection.engine.Finding;
import dev.selfheal.detection.engine.Findings;
import dev.selfheal.detection.stats.BoundedLru;
import dev.selfheal.detection.stats.FirstSeen;
import dev.selfheal.detection.stats.LatencyShiftTracker;
import dev.selfheal.detection.stats.RaiseGate;
import dev.selfheal.detection.stats.RateShiftTracker;
import dev.selfheal.detection.stats.ShiftTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * DEPENDENCY: what a service calls (a {@link DependencyCalled} per client or producer span) fails, slows down, is
 * missing, or was never meant to be called. Findings: service = the calling service, handler = the target,
 * signature one of:
 *
 * <ul>
 *   <li>{@value #MISSING}: {@link Settings#missingInARow} calls in a row failed in a way that says the target is not
 *   there (connection refused, unknown host, NXDOMAIN, no route, HTTP 404 / "not found"; see
 *   {@link #MISSING_ERRORS}). Connection errors are unambiguous and need no baseline, so this is the fastest
 *   verdict. Severity HIGH.</li>
 *   <li>{@value #FAILING}: the failure rate rose, by {@link RateShiftTracker} (binomial test against the target's
 *   baseline rate, or half its calls failing where it used to be healthy). Severity from the observed rate as for
 *   errors.</li>
 *   <li>{@value #SLOW}: the call latency shifted, by {@link LatencyShiftTracker} as for handlers. Severity from the p95
 *   ratio.</li>
 *   <li>{@value #UNDECLARED}: a target the service never called during its learning period (from its first call), or
 *   one outside the service's declared set when {@link Settings#declared} has one. Reported at each call (at most once
 *   a second) for {@link Settings#undeclaredFor} after its first call, then learned if it stayed in use (a target
 *   that went quiet for that long before being learned is new again when it comes back: absence teaches nothing); a
 *   target outside a declared set is reported for as long as it is called. Severity MEDIUM.</li>
 * </ul>
 *
 * Details name the callers (client span names), the last error type and since when. Feedback FALSE_POSITIVE
 * accepts: the failure rate as a floor, the latency as the new baseline, the missing-like errors as normal for that
 * target, the target as known. CONFIRMED changes nothing.
 */
public final class DependencyDetector implements Detector {

    public static final String NAME = "dependency";
    public static final String FAILING = "failing";
    public static final String SLOW = "slow";
    public static final String MISSING = "missing";
    public static final String UNDECLARED = "undeclared";

    /** Error types that say the target is not there rather than failing. */
    public static final Pattern MISSING_ERRORS = Pattern.compile("(?i)(connectexception|connection ?refused"
            + "|unknownhost|nxdomain|no ?route|noroutetohost|not ?found|(^|\\D)404(\\D|$))");

    /**
     * The one configuration of the detector.
     *
     * @param learningPeriod  event time from a service's first call during which its targets are learned
     * @param undeclaredFor   how long a new target is reported before it counts as known
     * @param missingInARow   missing-like failures in a row that make a target missing (3: one refused connection
     *                        is a restart, three in a row a missing service)
     * @param declared        per service, the targets it may call; a service absent from it has no declared set
     * @param maxCallers      callers remembered per target (for the details)
     * @param maxTargets      (service, target) pairs kept, least recently used evicted
     * @param maxServices     services whose first call is remembered
     * @param latency         how slow calls are found
     * @param rate            how failing calls are found
     */
    public record Settings(Duration learningPeriod, Duration undeclaredFor, int missingInARow,
            Map<String, Set<String>> declared, int maxCallers, int maxTargets, int maxServices,
            LatencyShiftTracker.Settings latency, RateShiftTracker.Settings rate) {

        public static final Settings DEFAULTS = new Settings(Duration.ofMinutes(15), Duration.ofHours(1), 3, Map.of(),
                10, 20_000, 10_000, LatencyShiftTracker.Settings.DEFAULTS, RateShiftTracker.Settings.DEFAULTS);

        public Settings {
            declared = Map.copyOf(declared);
        }
    }

    private static final int EXAMPLES = 5;

    private final Settings settings;
    private final LatencyShiftTracker latency;
    private final RateShiftTracker rates;
    private final RaiseGate gate = new RaiseGate(Duration.ofSeconds(1), 40_000);
    private final FirstSeen servicesFirstSeen;
    private final BoundedLru<String, TargetState> targets;

    public DependencyDetector(Settings settings) {
        this.settings = settings;
        this.latency = new LatencyShiftTracker(settings.latency());
        this.rates = new RateShiftTracker(settings.rate());
        this.servicesFirstSeen = new FirstSeen(settings.maxServices());
        this.targets = new BoundedLru<>(settings.maxTargets());
    }

    public DependencyDetector() {
        this(Settings.DEFAULTS);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void onDependency(DependencyCalled call, Findings out) {
        if (call.service() == null || call.target() == null || call.start() == null) {
            return;
        }
        Instant time = call.start().plusNanos((long) (call.durationMs() * 1_000_000));
        String version = call.version() == null ? "" : call.version();
        Instant serviceSince = servicesFirstSeen.observe(call.service(), time);
        String key = call.service() + '\u001f' + call.target();
        TargetState target = targets.get(key);
        Set<String> declared = settings.declared().get(call.service());
        if (target == null) {
            boolean learning = time.isBefore(serviceSince.plus(settings.learningPeriod()));
            target = new TargetState(time, learning && declared == null);
            targets.put(key, target);
        }
        if (!target.known && target.lastSeen != null && time.isAfter(target.lastSeen.plus(settings.undeclaredFor()))) {
            // It came, went unjudged (a release rolled back) and is back: new again, not learned by absence.
            target.firstSeen = time;
        }
        if (target.lastSeen == null || time.isAfter(target.lastSeen)) {
            target.lastSeen = time;
        }
        if (call.caller() != null && target.callers.size() < settings.maxCallers()) {
            target.callers.add(call.caller());
        }
        boolean failed = call.outcome() == SpanStatus.ERROR;
        if (failed) {
            target.lastErrorType = call.errorType();
        }

        boolean undeclared = declared != null ? !declared.contains(call.target()) && !target.known
                : !target.known && time.isBefore(target.firstSeen.plus(settings.undeclaredFor()));
        if (!undeclared && declared == null) {
            target.known = true;
        }
        if (undeclared) {
            raise(out, call, version, UNDECLARED, 1, Severity.MEDIUM, target.firstSeen, time, Map.of(),
                    "{service} calls {target}, which it never called before or does not declare", List.of(call.traceId()),
                    target);
        }

        if (failed && call.errorType() != null && MISSING_ERRORS.matcher(call.errorType()).find()) {
            if (target.missingInARow == 0) {
                target.missingSince = call.start();
                target.missingExamples.clear();
            }
            target.missingInARow++;
            if (target.missingExamples.size() < EXAMPLES && call.traceId() != null) {
                target.missingExamples.add(call.traceId());
            }
            if (target.missingInARow >= settings.missingInARow() && !target.missingAccepted) {
                raise(out, call, version, MISSING, target.missingInARow, Severity.HIGH, target.missingSince, time,
                        Map.of("failuresInARow", (double) target.missingInARow),
                        "{service} cannot reach {target} (" + call.errorType() + ")", target.missingExamples, target);
            }
        } else {
            target.missingInARow = 0;
        }

        RateShiftTracker.Increase increase = rates.observe(key, version, time, failed, call.traceId());
        if (increase != null) {
            double observed = increase.observedRate();
            Map<String, Double> figures = new LinkedHashMap<>();
            figures.put("observed.rate", observed);
            figures.put("observed.calls", (double) increase.calls());
            figures.put("baseline.rate", increase.baselineRate());
            figures.put("baseline.calls", (double) increase.baselineCalls());
            figures.put("pValue", increase.p());
            Severity severity = observed >= 0.5 ? Severity.CRITICAL
                    : observed >= 0.2 ? Severity.HIGH : observed >= 0.05 ? Severity.MEDIUM : Severity.LOW;
            raise(out, call, version, FAILING, observed / increase.baselineRate(), severity, increase.onset(), time,
                    figures, "{service}'s calls to {target} fail " + String.format(Locale.ROOT, "%.0f %%", 100 * observed)
                            + " of the time", increase.failedTraceIds(), target,
                    "baseline.version", increase.baselineVersion());
        }

        LatencyShiftTracker.Shift shift = latency.observe(key, version, time, call.durationMs(), call.traceId());
        if (shift != null) {
            ShiftTest.Result r = shift.result();
            Map<String, Double> figures = new LinkedHashMap<>();
            figures.put("baseline.p50Ms", r.baselineP50());
            figures.put("baseline.p95Ms", r.baselineP95());
            figures.put("baseline.p99Ms", r.baselineP99());
            figures.put("observed.p50Ms", r.observedP50());
            figures.put("observed.p95Ms", r.observedP95());
            figures.put("observed.p99Ms", r.observedP99());
            figures.put("observed.samples", (double) r.samples());
            figures.put("pValue", r.p());
            double ratio = r.ratio();
            Severity severity = ratio >= 8 ? Severity.CRITICAL
                    : ratio >= 4 ? Severity.HIGH : ratio >= 2 ? Severity.MEDIUM : Severity.LOW;
            raise(out, call, version, SLOW, ratio, severity, shift.onset(), time, figures,
                    "{service}'s calls to {target} are " + String.format(Locale.ROOT, "%.1fx", ratio) + " slower at p95",
                    shift.slowestTraceIds(), target, "baseline.version", shift.baselineVersion());
        }
    }

    private void raise(Findings out, DependencyCalled call, String version, String signature, double score,
            Severity severity, Instant onset, Instant detectedAt, Map<String, Double> figures, String summary,
            List<String> traces, TargetState target, String... extra) {
        if (!gate.allow(Finding.fingerprintOf(Capability.DEPENDENCY, call.service(), call.target(), signature),
                detectedAt)) {
            return;
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("callers", String.join(", ", target.callers));
        if (target.lastErrorType != null) {
            details.put("errorType", target.lastErrorType);
        }
        if (call.kind() != null) {
            details.put("kind", call.kind().name());
        }
        details.put("since", onset.toString());
        details.put("observed.version", version);
        for (int i = 0; i + 1 < extra.length; i += 2) {
            details.put(extra[i], extra[i + 1]);
        }
        out.raise(new Finding(Capability.DEPENDENCY, call.service(), version, call.target(), signature, score,
                severity, summary.replace("{service}", call.service()).replace("{target}", call.target()), onset, detectedAt,
                figures, details, traces));
    }

    @Override
    public void feedback(Feedback feedback) {
        if (feedback.capability() != Capability.DEPENDENCY || feedback.verdict() != Feedback.Verdict.FALSE_POSITIVE) {
            return;
        }
        String key = feedback.service() + '\u001f' + feedback.handler();
        TargetState target = targets.get(key);
        switch (feedback.signature()) {
            case FAILING -> rates.accept(key);
            case SLOW -> latency.accept(key);
            case MISSING -> {
                if (target != null) {
                    target.missingAccepted = true;
                }
            }
            case UNDECLARED -> {
                if (target != null) {
                    target.known = true;
                }
            }
            default -> {
            }
        }
    }

    private static final class TargetState {
        Instant firstSeen;
        /** Event time of the latest call; null until one after a restore from an older snapshot. */
        Instant lastSeen;
        boolean known;
        final Set<String> callers = new LinkedHashSet<>();
        String lastErrorType;
        int missingInARow;
        Instant missingSince;
        final List<String> missingExamples = new ArrayList<>();
        boolean missingAccepted;

        TargetState(Instant firstSeen, boolean known) {
            this.firstSeen = firstSeen;
            this.known = known;
        }
    }

    record TargetSnapshot(String key, String firstSeen, boolean known, List<String> callers, String lastErrorType,
            int missingInARow, String missingSince, List<String> missingExamples, boolean missingAccepted,
            String lastSeen) {
    }

    @Override
    public JsonNode snapshot(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.set("services", servicesFirstSeen.snapshot(mapper));
        List<TargetSnapshot> saved = new ArrayList<>();
        targets.forEach((key, t) -> saved.add(new TargetSnapshot(key, t.firstSeen.toString(), t.known,
                List.copyOf(t.callers), t.lastErrorType, t.missingInARow,
                t.missingSince == null ? null : t.missingSince.toString(), List.copyOf(t.missingExamples),
                t.missingAccepted, t.lastSeen == null ? null : t.lastSeen.toString())));
        root.set("targets", mapper.valueToTree(saved));
        root.set("latency", latency.snapshot(mapper));
        root.set("rates", rates.snapshot(mapper));
        root.set("gate", gate.snapshot(mapper));
        return root;
    }

    @Override
    public void restore(JsonNode snapshot, ObjectMapper mapper) {
        servicesFirstSeen.restore(snapshot.path("services"), mapper);
        targets.clear();
        List<TargetSnapshot> saved = mapper.convertValue(snapshot.path("targets"),
                new TypeReference<List<TargetSnapshot>>() { });
        if (saved != null) {
            for (TargetSnapshot s : saved) {
                TargetState t = new TargetState(Instant.parse(s.firstSeen()), s.known());
                t.callers.addAll(s.callers());
                t.lastErrorType = s.lastErrorType();
                t.missingInARow = s.missingInARow();
                t.missingSince = s.missingSince() == null ? null : Instant.parse(s.missingSince());
                t.missingExamples.addAll(s.missingExamples());
                t.missingAccepted = s.missingAccepted();
                t.lastSeen = s.lastSeen() == null ? null : Instant.parse(s.lastSeen());
                targets.put(s.key(), t);
            }
        }
        latency.restore(snapshot.path("latency"), mapper);
        rates.restore(snapshot.path("rates"), mapper);
        gate.restore(snapshot.path("gate"), mapper);
    }
}
