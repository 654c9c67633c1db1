package dev.selfheal.detection.stats;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Streaming failure-rate increase detection for many keys (a handler's error spans, a caller's failing calls to a
 * dependency), shared by the error and dependency detectors.
 *
 * <p>Per key and version: a recent window of calls (ok or failed) and a baseline of call and failure counts, overall
 * and per hour of the day and of the week. As with latency, a call joins the baseline when it leaves the window
 * unless the key is flagged then, so an outage never raises the rate it is compared with. The baseline is the
 * version's own once it has {@link Settings#minBaselineCalls}, else the previous version's (so "the error rate came
 * with version X" is measured against the version before it); its seasonal slots are used once its history spans two
 * days (or two weeks) and the slot has {@link Seasonality#minSlotSamples} calls.
 *
 * <p><b>An increase</b> holds when the window has at least {@link Settings#minFailures} failures, the exact one-sided
 * binomial test against the baseline rate (Laplace-smoothed, {@link RateTest#baselineRate}) gives a p-value below
 * {@link Settings#alpha}, and the window's rate is at least the baseline's plus {@link Settings#minIncrease} and
 * times {@link Settings#minFactor}: a busy handler going from 0.1 % to 0.3 % errors is significant but not worth a
 * page. Independently, a key that was healthy (at most {@link Settings#healthyRate} over at least
 * {@link Settings#healthyCalls} calls) and now fails at least {@link Settings#highFraction} of its window is flagged
 * even while its baseline is still too short for the test. Flagged, the increase holds while the p-value stays below
 * {@link Settings#clearAlpha} and the rate above baseline plus half the minimum increase.
 *
 * <p>A person's false-positive verdict ({@link #accept}) makes the current window rate the key's floor: the baseline
 * rate is never taken below it again, and the window joins the baseline.
 *
 * <p>Memory: {@link Settings#maxKeys} keys of {@link Settings#maxVersions} versions, each 384 counters plus a window
 * of at most {@link Settings#maxWindowCalls} calls.
 */
public final class RateShiftTracker {

    /**
     * How failure-rate increases are found; one configuration for every key.
     *
     * @param window           recent window; 30 s holds ~100 calls at 3 calls/s, where 10 % new failures show
     * @param minWindowCalls   fewer calls than this in the window: no test
     * @param maxWindowAge     a quiet key keeps its last {@code minWindowCalls} calls beyond {@code window}, up to this
     * @param maxWindowCalls   the window never holds more calls (bounds memory and cost)
     * @param minBaselineCalls a baseline with fewer calls is cold
     * @param minFailures      failures a window needs before anything is said (one or two failures prove nothing)
     * @param alpha            p-value below which the increase is significant (tested every second: small)
     * @param minIncrease      absolute rate increase a finding needs (0.05: five more failures per 100 calls)
     * @param minFactor        relative increase a finding needs
     * @param clearAlpha       while flagged, the increase holds with a p-value below this
     * @param healthyRate      a baseline at or below this rate is "healthy" for the high-fraction rule
     * @param healthyCalls     calls a healthy baseline needs for the high-fraction rule
     * @param highFraction     a healthy key failing at least this share of its window is flagged at once
     * @param evaluateEvery    a key is tested at most this often (event time)
     * @param maxKeys          keys kept at most, least recently used evicted
     * @param maxVersions      versions kept per key
     * @param seasonality      when hour-of-day and hour-of-week rates are used
     */
    public record Settings(Duration window, int minWindowCalls, Duration maxWindowAge, int maxWindowCalls,
            long minBaselineCalls, int minFailures, double alpha, double minIncrease, double minFactor,
            double clearAlpha, double healthyRate, long healthyCalls, double highFraction, Duration evaluateEvery,
            int maxKeys, int maxVersions, Seasonality seasonality) {

        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(30), 5, Duration.ofMinutes(2), 1000,
                200, 3, 1e-4, 0.05, 2, 1e-2, 0.02, 20, 0.5, Duration.ofSeconds(1), 5000, 2, Seasonality.DEFAULTS);
    }

    /**
     * An increase that holds at this evaluation.
     *
     * @param baselineVersion  the version whose rate the window was compared with
     * @param observedVersion  the window's version
     * @param slot             the seasonal slot used, or null
     * @param calls            calls in the window
     * @param failures         failures in the window
     * @param baselineRate     the rate compared with
     * @param baselineCalls    calls behind that rate
     * @param p                the binomial test's p-value
     * @param onset            the first failure of the episode's window
     * @param since            when the episode was first flagged
     * @param failedTraceIds   traces of the window's failures, earliest first
     */
    public record Increase(String baselineVersion, String observedVersion, String slot, int calls, int failures,
            double baselineRate, long baselineCalls, double p, Instant onset, Instant since,
            List<String> failedTraceIds) {

        public double observedRate() {
            return calls == 0 ? 0 : (double) failures / calls;
        }
    }

    private static final int EXAMPLES = 5;

    private final Settings settings;
    private final BoundedLru<String, KeyState> keys;

    public RateShiftTracker(Settings settings) {
        this.settings = settings;
        this.keys = new BoundedLru<>(settings.maxKeys());
    }

    /** Whether calls of this key were observed (and not evicted since). */
    public boolean tracks(String key) {
        return keys.get(key) != null;
    }

    /** Takes one call; answers the increase when the key is tested now and it holds, else null. */
    public Increase observe(String key, String version, Instant time, boolean failed, String traceId) {
        KeyState keyState = keys.computeIfAbsent(key, k -> new KeyState(settings.maxVersions()));
        VersionState state = keyState.versions.computeIfAbsent(version, v -> new VersionState());
        state.window.addLast(new Call(time, failed, traceId));
        if (failed) {
            state.windowFailures++;
        }
        expire(state, time);
        if (state.lastEvaluated != null && time.isBefore(state.lastEvaluated.plus(settings.evaluateEvery()))) {
            return null;
        }
        if (state.window.size() < settings.minWindowCalls()) {
            return null;
        }
        state.lastEvaluated = time;
        Reference reference = reference(keyState, version, state, time);
        int n = state.window.size();
        int k = state.windowFailures;
        double observed = (double) k / n;
        boolean holds = false;
        double rate = 0;
        double p = 1;
        if (reference != null) {
            rate = Math.max(keyState.floor, RateTest.baselineRate(reference.calls(), reference.failures()));
            p = RateTest.pGreater(n, k, rate);
            holds = state.flagged
                    ? p < settings.clearAlpha() && observed >= rate + settings.minIncrease() / 2
                    : k >= settings.minFailures() && p < settings.alpha()
                            && observed >= rate + settings.minIncrease() && observed >= rate * settings.minFactor();
        }
        Reference healthy = healthy(keyState, version, state);
        if (!holds && healthy != null && k >= settings.minFailures() && observed >= settings.highFraction()
                && observed > keyState.floor) {
            holds = true;
            reference = healthy;
            rate = RateTest.baselineRate(healthy.calls(), healthy.failures());
            p = RateTest.pGreater(n, k, rate);
        }
        if (!holds) {
            state.flagged = false;
            state.onset = null;
            state.since = null;
            return null;
        }
        if (!state.flagged) {
            state.flagged = true;
            state.since = time;
            state.onset = state.window.stream().filter(Call::failed).map(Call::time).findFirst().orElse(time);
        }
        List<String> traces = state.window.stream().filter(Call::failed).map(Call::traceId)
                .filter(id -> id != null).distinct().limit(EXAMPLES).toList();
        return new Increase(reference.version(), version, reference.slot(), n, k, rate, reference.calls(), p,
                state.onset, state.since, traces);
    }

    /**
     * The window's rate is normal for this key (a person said so): it becomes the key's floor, and every version's
     * window joins its baseline.
     */
    public void accept(String key) {
        KeyState keyState = keys.get(key);
        if (keyState == null) {
            return;
        }
        for (VersionState state : keyState.versions.values()) {
            if (!state.window.isEmpty()) {
                keyState.floor = Math.max(keyState.floor, (double) state.windowFailures / state.window.size());
            }
            for (Call call : state.window) {
                state.add(call);
            }
            state.window.clear();
            state.windowFailures = 0;
            state.flagged = false;
            state.onset = null;
            state.since = null;
        }
    }

    private void expire(VersionState state, Instant now) {
        Instant cutoff = now.minus(settings.window());
        Instant ageCutoff = now.minus(settings.maxWindowAge());
        while (!state.window.isEmpty()) {
            Instant oldest = state.window.peekFirst().time();
            boolean leaves = state.window.size() > settings.maxWindowCalls()
                    || !oldest.isAfter(ageCutoff)
                    || !oldest.isAfter(cutoff) && state.window.size() > settings.minWindowCalls();
            if (!leaves) {
                break;
            }
            Call old = state.window.removeFirst();
            if (old.failed()) {
                state.windowFailures--;
            }
            if (!state.flagged) {
                state.add(old);
            }
        }
    }

    private record Reference(String version, String slot, long calls, long failures) {
    }

    private Reference reference(KeyState keyState, String version, VersionState own, Instant time) {
        Map.Entry<String, VersionState> previous = previous(keyState, version);
        Reference seasonal = own.seasonal(version, time, settings.seasonality());
        if (seasonal == null && previous != null) {
            seasonal = previous.getValue().seasonal(previous.getKey(), time, settings.seasonality());
        }
        if (seasonal != null) {
            return seasonal;
        }
        if (own.calls >= settings.minBaselineCalls()) {
            return new Reference(version, null, own.calls, own.failures);
        }
        return previous == null || previous.getValue().calls < settings.minBaselineCalls() ? null
                : new Reference(previous.getKey(), null, previous.getValue().calls, previous.getValue().failures);
    }

    private Reference healthy(KeyState keyState, String version, VersionState own) {
        VersionState base = own;
        String baseVersion = version;
        if (own.calls < settings.healthyCalls()) {
            Map.Entry<String, VersionState> previous = previous(keyState, version);
            if (previous == null || previous.getValue().calls < settings.healthyCalls()) {
                return null;
            }
            base = previous.getValue();
            baseVersion = previous.getKey();
        }
        boolean isHealthy = base.failures <= settings.healthyRate() * base.calls;
        return isHealthy ? new Reference(baseVersion, null, base.calls, base.failures) : null;
    }

    private Map.Entry<String, VersionState> previous(KeyState keyState, String version) {
        Map.Entry<String, VersionState> previous = null;
        for (Map.Entry<String, VersionState> other : keyState.versions.entrySet()) {
            VersionState candidate = other.getValue();
            if (!other.getKey().equals(version) && candidate.calls >= settings.healthyCalls()
                    && (previous == null || candidate.last.isAfter(previous.getValue().last))) {
                previous = other;
            }
        }
        return previous;
    }

    private static final class KeyState {
        final BoundedLru<String, VersionState> versions;
        double floor;

        KeyState(int maxVersions) {
            versions = new BoundedLru<>(maxVersions);
        }
    }

    private static final class VersionState {
        final ArrayDeque<Call> window = new ArrayDeque<>();
        int windowFailures;
        long calls;
        long failures;
        long[] dailyCalls = new long[Seasonality.HOURS_PER_DAY];
        long[] dailyFailures = new long[Seasonality.HOURS_PER_DAY];
        long[] weeklyCalls = new long[Seasonality.HOURS_PER_WEEK];
        long[] weeklyFailures = new long[Seasonality.HOURS_PER_WEEK];
        Instant first;
        Instant last;
        boolean flagged;
        Instant onset;
        Instant since;
        Instant lastEvaluated;

        void add(Call call) {
            int day = Seasonality.hourOfDay(call.time());
            int week = Seasonality.hourOfWeek(call.time());
            calls++;
            dailyCalls[day]++;
            weeklyCalls[week]++;
            if (call.failed()) {
                failures++;
                dailyFailures[day]++;
                weeklyFailures[week]++;
            }
            if (first == null || call.time().isBefore(first)) {
                first = call.time();
            }
            if (last == null || call.time().isAfter(last)) {
                last = call.time();
            }
        }

        Reference seasonal(String version, Instant time, Seasonality seasonality) {
            int week = Seasonality.hourOfWeek(time);
            if (seasonality.spans(first, last, seasonality.weeklyAfter())
                    && weeklyCalls[week] >= seasonality.minSlotSamples()) {
                return new Reference(version, Seasonality.weeklySlotName(week), weeklyCalls[week],
                        weeklyFailures[week]);
            }
            int day = Seasonality.hourOfDay(time);
            if (seasonality.spans(first, last, seasonality.dailyAfter())
                    && dailyCalls[day] >= seasonality.minSlotSamples()) {
                return new Reference(version, Seasonality.dailySlotName(day), dailyCalls[day], dailyFailures[day]);
            }
            return null;
        }
    }

    private record Call(Instant time, boolean failed, String traceId) {
    }

    record CallState(String time, boolean failed, String traceId) {
    }

    record VersionSnapshot(String version, List<CallState> window, long calls, long failures, long[] dailyCalls,
            long[] dailyFailures, long[] weeklyCalls, long[] weeklyFailures, String first, String last,
            boolean flagged, String onset, String since, String lastEvaluated) {
    }

    record KeySnapshot(String key, double floor, List<VersionSnapshot> versions) {
    }

    public JsonNode snapshot(ObjectMapper mapper) {
        List<KeySnapshot> snapshot = new ArrayList<>();
        keys.forEach((key, keyState) -> {
            List<VersionSnapshot> versions = new ArrayList<>();
            keyState.versions.forEach((version, s) -> versions.add(new VersionSnapshot(version,
                    s.window.stream().map(c -> new CallState(c.time().toString(), c.failed(), c.traceId())).toList(),
                    s.calls, s.failures, s.dailyCalls, s.dailyFailures, s.weeklyCalls, s.weeklyFailures,
                    LatencyShiftTracker.text(s.first), LatencyShiftTracker.text(s.last), s.flagged,
                    LatencyShiftTracker.text(s.onset), LatencyShiftTracker.text(s.since),
                    LatencyShiftTracker.text(s.lastEvaluated))));
            snapshot.add(new KeySnapshot(key, keyState.floor, versions));
        });
        return mapper.valueToTree(snapshot);
    }

    public void restore(JsonNode snapshot, ObjectMapper mapper) {
        keys.clear();
        List<KeySnapshot> saved = mapper.convertValue(snapshot, new TypeReference<List<KeySnapshot>>() { });
        if (saved == null) {
            return;
        }
        for (KeySnapshot key : saved) {
            KeyState keyState = new KeyState(settings.maxVersions());
            keyState.floor = key.floor();
            for (VersionSnapshot v : key.versions()) {
                VersionState s = new VersionState();
                v.window().forEach(c -> {
                    s.window.addLast(new Call(Instant.parse(c.time()), c.failed(), c.traceId()));
                    if (c.failed()) {
                        s.windowFailures++;
                    }
                });
                s.calls = v.calls();
                s.failures = v.failures();
                s.dailyCalls = v.dailyCalls();
                s.dailyFailures = v.dailyFailures();
                s.weeklyCalls = v.weeklyCalls();
                s.weeklyFailures = v.weeklyFailures();
                s.first = LatencyShiftTracker.instant(v.first());
                s.last = LatencyShiftTracker.instant(v.last());
                s.flagged = v.flagged();
                s.onset = LatencyShiftTracker.instant(v.onset());
                s.since = LatencyShiftTracker.instant(v.since());
                s.lastEvaluated = LatencyShiftTracker.instant(v.lastEvaluated());
                keyState.versions.put(v.version(), s);
            }
            keys.put(key.key(), keyState);
        }
    }
}
