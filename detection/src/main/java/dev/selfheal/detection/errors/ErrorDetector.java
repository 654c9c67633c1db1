package dev.selfheal.detection.errors;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.ErrorObserved;
import dev.selfheal.contracts.v1.Severity;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.SpanStatus;
import dev.selfheal.detection.engine.Detector;
import dev.selfheal.detection.engine.Feedback;
import dev.selfheal.detection.engine.Finding;
import dev.selfheal.detection.engine.Findings;
import dev.selfheal.detection.engine.Trace;
import dev.selfheal.detection.stats.BoundedLru;
import dev.selfheal.detection.stats.FirstSeen;
import dev.selfheal.detection.stats.RaiseGate;
import dev.selfheal.detection.stats.RateShiftTracker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ERROR: errors a service did not make before.
 *
 * <p><b>New error signatures.</b> Every {@link ErrorObserved} signature is remembered per service. During a service's
 * learning period (from the first event of the service) every signature is learned as known. Afterwards, a
 * signature never seen for the service is new; it is reported (signature = the error signature, handler = the
 * raising handler) once it occurred {@link Settings#minOccurrences} times within {@link Settings#occurrenceWindow}
 * (a single odd error of a busy service is noise more often than a fault; a fault at 10 % of a few calls/s repeats
 * within seconds), and then at each occurrence (at most once a second) for {@link Settings#newFor} after its first
 * occurrence. After that it is a known signature: the error-rate check covers it from then on. Score: occurrences so
 * far. Severity: MEDIUM, HIGH from {@link Settings#highOccurrences}.
 *
 * <p><b>Error-rate increases</b> (signature {@value #RATE_SIGNATURE}). Each step span is a call of its handler, failed
 * when its status is ERROR; {@link RateShiftTracker} compares the recent rate with the handler's baseline rate
 * (version-aware, seasonal). The finding names the baseline and the observed version; when they differ, the increase
 * came with the observed version ({@code details.introducedIn}). Score: observed rate / baseline rate. Severity from
 * the observed rate: LOW below 5 %, MEDIUM below 20 %, HIGH below 50 %, else CRITICAL.
 *
 * <p>Feedback: FALSE_POSITIVE on a new signature makes it known at once; on an error rate, makes the window's rate
 * that handler's floor (see {@link RateShiftTracker#accept}). CONFIRMED changes nothing: detection already goes on
 * for as long as the problem holds.
 *
 * <p>Memory: {@link Settings#maxSignatures} (service, signature) pairs and {@link Settings#maxServices} services,
 * least recently used evicted (an evicted signature would be new again if it came back after the learning period),
 * plus the rate tracker's own caps.
 */
public final class ErrorDetector implements Detector {

    public static final String NAME = "errors";
    public static final String RATE_SIGNATURE = "error-rate";

    /**
     * The one configuration of the detector.
     *
     * @param learningPeriod   event time from a service's first event during which its signatures are learned
     * @param minOccurrences   occurrences of a new signature before it is reported
     * @param occurrenceWindow ... within this time of its first occurrence
     * @param newFor           a new signature is reported for this long after its first occurrence, then known
     * @param highOccurrences  occurrences from which a new signature's finding is HIGH
     * @param maxSignatures    (service, signature) pairs remembered
     * @param maxServices      services whose first event time is remembered
     * @param rate             how error-rate increases are found
     */
    public record Settings(Duration learningPeriod, int minOccurrences, Duration occurrenceWindow, Duration newFor,
            int highOccurrences, int maxSignatures, int maxServices, RateShiftTracker.Settings rate) {

        public static final Settings DEFAULTS = new Settings(Duration.ofMinutes(15), 3, Duration.ofMinutes(5),
                Duration.ofHours(1), 20, 50_000, 10_000, RateShiftTracker.Settings.DEFAULTS);
    }

    private static final int EXAMPLES = 5;

    private final Settings settings;
    private final RateShiftTracker rates;
    private final RaiseGate gate = new RaiseGate(Duration.ofSeconds(1), 20_000);
    private final FirstSeen servicesFirstSeen;
    private final BoundedLru<String, SignatureState> signatures;

    public ErrorDetector(Settings settings) {
        this.settings = settings;
        this.rates = new RateShiftTracker(settings.rate());
        this.servicesFirstSeen = new FirstSeen(settings.maxServices());
        this.signatures = new BoundedLru<>(settings.maxSignatures());
    }

    public ErrorDetector() {
        this(Settings.DEFAULTS);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void onSpan(SpanRecorded span, Findings out) {
        if (span.service() == null || span.handler() == null || span.start() == null) {
            return;
        }
        firstSeen(span.service(), span.start());
        if (!Trace.isStep(span) || span.status() == SpanStatus.ERROR) {
            // A failed execution is counted by the ErrorObserved event telemetry-service derives from it.
            return;
        }
        Instant end = span.start().plusNanos((long) (span.durationMs() * 1_000_000));
        observeCall(span.service(), span.handler(), span.version(), end, false, span.traceId(), out);
    }

    /**
     * One execution of a handler for its error rate. Failures are counted from ErrorObserved events rather than
     * from span status: an execution that recorded an exception but answered normally for its protocol (a 404 with
     * the exception recorded, which OpenTelemetry leaves with status UNSET) is an error the team wants counted.
     */
    private void observeCall(String service, String handler, String version, Instant time, boolean failed,
            String traceId, Findings out) {
        RateShiftTracker.Increase increase = rates.observe(key(service, handler), version == null ? "" : version, time,
                failed, traceId);
        if (increase != null && gate.allow(
                Finding.fingerprintOf(Capability.ERROR, service, handler, RATE_SIGNATURE), time)) {
            out.raise(rateFinding(service, handler, increase, time));
        }
    }

    @Override
    public void onError(ErrorObserved error, Findings out) {
        if (error.service() == null || error.signature() == null || error.time() == null) {
            return;
        }
        Instant serviceSince = firstSeen(error.service(), error.time());
        if (error.handler() != null && rates.tracks(key(error.service(), error.handler()))) {
            // Only handlers whose executions are counted (steps, not the calling side of a call).
            observeCall(error.service(), error.handler(), error.version(), error.time(), true, error.traceId(), out);
        }
        String key = key(error.service(), error.signature());
        SignatureState state = signatures.get(key);
        if (state == null) {
            boolean learning = error.time().isBefore(serviceSince.plus(settings.learningPeriod()));
            state = new SignatureState(error.time(), learning);
            signatures.put(key, state);
        }
        if (state.known) {
            return;
        }
        if (!error.time().isBefore(state.firstSeen.plus(settings.newFor()))) {
            state.known = true;
            return;
        }
        state.count++;
        if (error.traceId() != null && state.examples.size() < EXAMPLES && !state.examples.contains(error.traceId())) {
            state.examples.add(error.traceId());
        }
        boolean enough = state.count >= settings.minOccurrences();
        boolean early = state.count == settings.minOccurrences()
                && error.time().isAfter(state.firstSeen.plus(settings.occurrenceWindow()));
        if (early) {
            // Too slow to count as one burst: start counting again from here.
            state.firstSeen = error.time();
            state.count = 1;
            return;
        }
        String handler = error.handler() == null ? "*" : error.handler();
        if (enough && gate.allow(Finding.fingerprintOf(Capability.ERROR, error.service(), handler,
                error.signature()), error.time())) {
            out.raise(signatureFinding(error, handler, state));
        }
    }

    private Finding signatureFinding(ErrorObserved error, String handler, SignatureState state) {
        Map<String, Double> figures = Map.of("count", (double) state.count);
        Map<String, String> details = new LinkedHashMap<>();
        put(details, "exceptionType", error.exceptionType());
        put(details, "messageTemplate", error.messageTemplate());
        put(details, "topFrame", error.topFrame());
        put(details, "version", error.version());
        details.put("firstSeen", state.firstSeen.toString());
        String summary = String.format(Locale.ROOT, "new error in %s %s: %s %s (%d times since %s)",
                error.service(), handler, error.exceptionType(),
                error.messageTemplate() == null ? "" : error.messageTemplate(), state.count, state.firstSeen);
        return new Finding(Capability.ERROR, error.service(), error.version(), handler, error.signature(),
                state.count, state.count >= settings.highOccurrences() ? Severity.HIGH : Severity.MEDIUM, summary,
                state.firstSeen, error.time(), figures, details, state.examples);
    }

    private static Finding rateFinding(String service, String handler, RateShiftTracker.Increase inc,
            Instant detectedAt) {
        double observed = inc.observedRate();
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("observed.rate", observed);
        figures.put("observed.calls", (double) inc.calls());
        figures.put("observed.errors", (double) inc.failures());
        figures.put("baseline.rate", inc.baselineRate());
        figures.put("baseline.calls", (double) inc.baselineCalls());
        figures.put("pValue", inc.p());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("baseline.version", inc.baselineVersion());
        details.put("observed.version", inc.observedVersion());
        if (!inc.baselineVersion().equals(inc.observedVersion())) {
            details.put("introducedIn", inc.observedVersion());
        }
        if (inc.slot() != null) {
            details.put("baseline.slot", inc.slot());
        }
        details.put("since", inc.since().toString());
        String summary = String.format(Locale.ROOT, "%s of %s fails %.1f %% of calls (baseline %.2f %%, version %s%s)",
                handler, service, 100 * observed, 100 * inc.baselineRate(), inc.observedVersion(),
                inc.baselineVersion().equals(inc.observedVersion()) ? "" : " vs " + inc.baselineVersion());
        Severity severity = observed >= 0.5 ? Severity.CRITICAL
                : observed >= 0.2 ? Severity.HIGH
                : observed >= 0.05 ? Severity.MEDIUM : Severity.LOW;
        return new Finding(Capability.ERROR, service, inc.observedVersion(), handler, RATE_SIGNATURE,
                observed / inc.baselineRate(), severity, summary, inc.onset(), detectedAt, figures, details,
                inc.failedTraceIds());
    }

    @Override
    public void feedback(Feedback feedback) {
        if (feedback.capability() != Capability.ERROR || feedback.verdict() != Feedback.Verdict.FALSE_POSITIVE) {
            return;
        }
        if (RATE_SIGNATURE.equals(feedback.signature())) {
            rates.accept(key(feedback.service(), feedback.handler()));
            return;
        }
        SignatureState state = signatures.get(key(feedback.service(), feedback.signature()));
        if (state != null) {
            state.known = true;
        }
    }

    private Instant firstSeen(String service, Instant time) {
        return servicesFirstSeen.observe(service, time);
    }

    private static void put(Map<String, String> details, String key, String value) {
        if (value != null) {
            details.put(key, value);
        }
    }

    private static String key(String service, String part) {
        return service + '\u001f' + part;
    }

    private static final class SignatureState {
        Instant firstSeen;
        boolean known;
        int count;
        final List<String> examples = new ArrayList<>();

        SignatureState(Instant firstSeen, boolean known) {
            this.firstSeen = firstSeen;
            this.known = known;
        }
    }

    record SignatureSnapshot(String key, String firstSeen, boolean known, int count, List<String> examples) {
    }

    @Override
    public JsonNode snapshot(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.set("services", servicesFirstSeen.snapshot(mapper));
        List<SignatureSnapshot> saved = new ArrayList<>();
        signatures.forEach((key, s) -> saved.add(new SignatureSnapshot(key, s.firstSeen.toString(), s.known, s.count,
                s.examples)));
        root.set("signatures", mapper.valueToTree(saved));
        root.set("rates", rates.snapshot(mapper));
        root.set("gate", gate.snapshot(mapper));
        return root;
    }

    @Override
    public void restore(JsonNode snapshot, ObjectMapper mapper) {
        servicesFirstSeen.restore(snapshot.path("services"), mapper);
        signatures.clear();
        List<SignatureSnapshot> saved = mapper.convertValue(snapshot.path("signatures"),
                new TypeReference<List<SignatureSnapshot>>() { });
        if (saved != null) {
            for (SignatureSnapshot s : saved) {
                SignatureState state = new SignatureState(Instant.parse(s.firstSeen()), s.known());
                state.count = s.count();
                state.examples.addAll(s.examples());
                signatures.put(s.key(), state);
            }
        }
        rates.restore(snapshot.path("rates"), mapper);
        gate.restore(snapshot.path("gate"), mapper);
    }
}
