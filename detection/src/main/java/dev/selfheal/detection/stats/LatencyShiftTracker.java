package dev.selfheal.detection.stats;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streaming latency-shift detection for many keys (a service's handler, or a caller's dependency), shared by the
 * performance and dependency detectors.
 *
 * <p>Per key and version it keeps a <b>recent window</b> of samples and a <b>baseline</b> ({@link SeasonalLatency}).
 * A sample enters the window; when it leaves the window (older than {@link Settings#window}, or pushed out by
 * {@link Settings#maxWindowSamples}) it joins the baseline, unless the key is flagged at that moment: samples of a
 * regression are held back, so the regression never becomes the baseline it is compared with (only a shift that
 * recurs at the same hour on two days is learned as seasonal, see {@link SeasonalLatency}). Once per
 * {@link Settings#evaluateEvery} of event time, the window is tested against the baseline with {@link ShiftTest}.
 *
 * <p><b>Which baseline.</b> In this order: the version's own seasonal slot, the previous version's seasonal slot,
 * the version's own baseline of all hours (once it holds {@link Settings#minBaselineSamples}), the previous
 * version's. "Previous" is the most recently seen other version with a warm baseline. So a new version is compared
 * with the one it replaces until it has a baseline of its own, and with the previous version's hour of the day until
 * its own history spans two days. Nothing warm: cold start, no verdict. Each sample of the window is ranked against
 * the baseline of its own hour, so a window straddling the hour is not judged by the new hour's slot alone.
 *
 * <p><b>A shift</b> holds when the test's p-value is below {@link Settings#alpha} and the observed p95 or p50 is at
 * least {@link Settings#minRatio} times the baseline's: significance alone would flag a 5 % slowdown of a busy
 * handler, which nobody wants paged for; the ratio alone would flag every noisy window of a quiet one. The p50 counts
 * too because the p95 of 40 samples rests on its two slowest and is noisy, while a shift of the whole distribution
 * moves the median just as much (the score reported stays the p95 ratio). Once flagged, the
 * weaker {@link Settings#clearAlpha} and {@link Settings#clearRatio} keep it flagged (hysteresis, so a regression
 * hovering at the threshold is one episode, not many).
 *
 * <p><b>A sustained shift is never accepted by itself</b>: while it holds, its samples are held back and it keeps
 * being reported, however long it lasts. It becomes the new normal only through {@link #accept} (a person's
 * false-positive verdict), which restarts the key's baselines from the current window. A new version that is
 * slower than its predecessor is reported the same way, until accepted.
 *
 * <p>Memory: at most {@link Settings#maxKeys} keys (least recently used evicted) of at most
 * {@link Settings#maxVersions} versions, each a baseline of at most ~60 kB plus a window of at most
 * {@link Settings#maxWindowSamples} samples; with the defaults, ~130 MB in the worst case where every one of 1000
 * keys has seen every hour of the week in two versions, a few MB for typical traffic (a baseline that has seen a day
 * holds a digest and ~30 histograms, ~10 kB).
 */
public final class LatencyShiftTracker {

    /**
     * How latency shifts are found; one configuration for every key.
     *
     * @param window             recent window compared with the baseline; 20 s holds 40 calls of a handler at
     *                           2 calls/s, enough to see a 2x shift while leaving 10 s of a 30 s budget to decide
     * @param minWindowSamples   fewer recent samples than this: no test (too little to tell a shift from noise); a
     *                           quiet handler's window keeps its last this many samples beyond {@code window}
     * @param maxWindowAge       ... but never samples older than this, so a handler called twice a minute is
     *                           judged on recent calls or not at all
     * @param maxWindowSamples   the window never holds more (older samples leave early), which bounds memory and
     *                           the cost of a test on a busy handler
     * @param minBaselineSamples a baseline with fewer samples is cold: no verdict against it
     * @param alpha              p-value below which a shift is significant; 1e-4 because a key is tested every
     *                           second, i.e. ~86 000 times a day, and the windows overlap
     * @param minRatio           observed over baseline p95 (or p50, whichever is larger) a shift needs, the minimum
     *                           effect worth a finding
     * @param clearAlpha         while flagged, the shift still holds with a p-value below this
     * @param clearRatio         while flagged, the shift still holds with a p95 ratio at least this
     * @param evaluateEvery      a key is tested at most this often (event time), which is also how often it reports
     * @param maxKeys            keys kept at most, least recently used evicted
     * @param maxVersions        versions kept per key at most (the current and the one it replaced)
     * @param compression        t-digest compression of baselines (100: ~1 % quantile error, a few kB)
     * @param seasonality        when hour-of-day and hour-of-week baselines are used
     * @param minMedianRatio     a new shift also needs its p50 this much above the baseline's, unless its p95 alone
     *                           reaches {@code tailRatio}: the p95 of 20-40 samples is their second-largest value,
     *                           and over ~86 000 tests a day a tail that looks 1.5x slower by chance, with the bulk
     *                           of calls unchanged, comes up a few times a day on every busy handler
     * @param tailRatio          a p95 ratio that is a shift by itself (a slow tail the median does not show)
     */
    public record Settings(Duration window, int minWindowSamples, Duration maxWindowAge, int maxWindowSamples, long minBaselineSamples,
            double alpha, double minRatio, double clearAlpha, double clearRatio, Duration evaluateEvery, int maxKeys,
            int maxVersions, double compression, Seasonality seasonality, double minMedianRatio, double tailRatio) {

        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(20), 20,
                Duration.ofMinutes(2), 400, 300, 1e-4, 1.5, 1e-2,
                1.25, Duration.ofSeconds(1), 1000, 2, 100, Seasonality.DEFAULTS, 1.2, 2.0);
    }

    /**
     * A shift that holds at this evaluation.
     *
     * @param baselineVersion the version whose baseline the window was compared with
     * @param observedVersion the version of the window
     * @param slot            the seasonal slot used, or null for the baseline of all hours
     * @param result          the test's figures
     * @param onset           the estimated start: the change point of the window (see {@link #observe})
     * @param since           when this episode was first flagged
     * @param held            samples held back from the baseline during this episode
     * @param slowestTraceIds the window's slowest calls' traces, slowest first
     */
    public record Shift(String baselineVersion, String observedVersion, String slot, ShiftTest.Result result,
            Instant onset, Instant since, long held, List<String> slowestTraceIds) {
    }

    private static final int EXAMPLES = 5;

    private final Settings settings;
    private final BoundedLru<String, BoundedLru<String, VersionState>> keys;

    public LatencyShiftTracker(Settings settings) {
        this.settings = settings;
        this.keys = new BoundedLru<>(settings.maxKeys());
    }

    /**
     * Takes one sample and answers the shift when the key is tested now and the shift holds, else null.
     *
     * <p>The onset of an episode is estimated once, when it is first flagged, as the window's change point: the
     * sample from which on the sum of {@code cdf(x) - 1/2} over the rest of the window is largest, i.e. where
     * samples start to rank above the baseline's median (the maximum-likelihood change point of a CUSUM).
     */
    public Shift observe(String key, String version, Instant time, double ms, String traceId) {
        BoundedLru<String, VersionState> versions = keys.computeIfAbsent(key,
                k -> new BoundedLru<>(settings.maxVersions()));
        VersionState state = versions.computeIfAbsent(version, v -> new VersionState(
                new SeasonalLatency(settings.compression())));
        state.window.addLast(new Sample(time, ms, traceId));
        expire(state, time);
        if (state.lastEvaluated != null && time.isBefore(state.lastEvaluated.plus(settings.evaluateEvery()))) {
            return null;
        }
        if (state.window.size() < settings.minWindowSamples()) {
            return null;
        }
        Reference reference = reference(versions, version, state, time);
        if (reference == null) {
            return null;
        }
        state.lastEvaluated = time;
        double[] recent = new double[state.window.size()];
        LatencyDistribution[] baselines = new LatencyDistribution[recent.length];
        Map<Long, Reference> byHour = new HashMap<>();
        int i = 0;
        for (Sample sample : state.window) {
            recent[i] = sample.ms();
            long hour = Math.floorDiv(sample.time().getEpochSecond(), 3600);
            Reference own = byHour.computeIfAbsent(hour, h -> reference(versions, version, state, sample.time()));
            baselines[i++] = (own == null ? reference : own).choice().distribution();
        }
        ShiftTest.Result result = ShiftTest.test(recent, baselines, reference.choice().distribution());
        double effect = Math.max(result.ratio(), result.medianRatio());
        boolean holds = state.flagged
                ? result.p() < settings.clearAlpha() && effect >= settings.clearRatio()
                : result.p() < settings.alpha() && (effect >= settings.minRatio()
                        && result.medianRatio() >= settings.minMedianRatio() || result.ratio() >= settings.tailRatio());
        if (!holds) {
            state.flagged = false;
            state.onset = null;
            state.since = null;
            state.held = 0;
            return null;
        }
        if (!state.flagged) {
            state.flagged = true;
            state.onset = changePoint(state.window, baselines);
            state.since = time;
        }
        return new Shift(reference.version(), version, reference.choice().slot(), result, state.onset, state.since,
                state.held, slowest(state.window));
    }

    /**
     * What the key's windows hold is normal (a person said so): every version's baseline restarts from its current
     * window, and the other versions are no longer a reference. The key is cold again until
     * {@link Settings#minBaselineSamples} samples have been learned.
     */
    public void accept(String key) {
        BoundedLru<String, VersionState> versions = keys.get(key);
        if (versions == null) {
            return;
        }
        for (VersionState state : versions.values()) {
            state.baseline = new SeasonalLatency(settings.compression());
            for (Sample sample : state.window) {
                state.baseline.add(sample.time(), sample.ms());
            }
            state.flagged = false;
            state.onset = null;
            state.since = null;
            state.held = 0;
        }
    }

    /** Whether the key's version is flagged right now. */
    public boolean flagged(String key, String version) {
        BoundedLru<String, VersionState> versions = keys.get(key);
        VersionState state = versions == null ? null : versions.get(version);
        return state != null && state.flagged;
    }

    public int keyCount() {
        return keys.size();
    }

    private void expire(VersionState state, Instant now) {
        Instant cutoff = now.minus(settings.window());
        Instant ageCutoff = now.minus(settings.maxWindowAge());
        while (!state.window.isEmpty()) {
            Instant oldest = state.window.peekFirst().time();
            boolean leaves = state.window.size() > settings.maxWindowSamples()
                    || !oldest.isAfter(ageCutoff)
                    || !oldest.isAfter(cutoff) && state.window.size() > settings.minWindowSamples();
            if (!leaves) {
                break;
            }
            Sample old = state.window.removeFirst();
            if (state.flagged) {
                state.held++;
                state.baseline.addHeld(old.time(), old.ms());
            } else {
                state.baseline.add(old.time(), old.ms());
            }
        }
    }

    private record Reference(String version, SeasonalLatency.Choice choice) {
    }

    private Reference reference(Map<String, VersionState> versions, String version, VersionState own,
            Instant time) {
        String previousVersion = null;
        SeasonalLatency previous = null;
        for (Map.Entry<String, VersionState> other : versions.entrySet()) {
            SeasonalLatency baseline = other.getValue().baseline;
            if (!other.getKey().equals(version) && baseline.count() >= settings.minBaselineSamples()
                    && (previous == null || baseline.last().isAfter(previous.last()))) {
                previous = baseline;
                previousVersion = other.getKey();
            }
        }
        SeasonalLatency.Choice choice = own.baseline.seasonal(time, settings.seasonality());
        if (choice != null) {
            return new Reference(version, choice);
        }
        choice = previous == null ? null : previous.seasonal(time, settings.seasonality());
        if (choice != null) {
            return new Reference(previousVersion, choice);
        }
        if (own.baseline.count() >= settings.minBaselineSamples()) {
            return new Reference(version, own.baseline.overall());
        }
        return previous == null ? null : new Reference(previousVersion, previous.overall());
    }

    private static Instant changePoint(ArrayDeque<Sample> window, LatencyDistribution[] baselines) {
        List<Sample> samples = new ArrayList<>(window);
        double suffix = 0;
        double best = Double.NEGATIVE_INFINITY;
        Instant onset = samples.get(samples.size() - 1).time();
        for (int i = samples.size() - 1; i >= 0; i--) {
            suffix += baselines[i].cdf(samples.get(i).ms()) - 0.5;
            if (suffix >= best) {
                best = suffix;
                onset = samples.get(i).time();
            }
        }
        return onset;
    }

    private static List<String> slowest(ArrayDeque<Sample> window) {
        return window.stream()
                .filter(sample -> sample.traceId() != null)
                .sorted(Comparator.comparingDouble(Sample::ms).reversed())
                .map(Sample::traceId)
                .distinct()
                .limit(EXAMPLES)
                .toList();
    }

    private static final class VersionState {
        SeasonalLatency baseline;
        final ArrayDeque<Sample> window = new ArrayDeque<>();
        boolean flagged;
        Instant onset;
        Instant since;
        Instant lastEvaluated;
        long held;

        VersionState(SeasonalLatency baseline) {
            this.baseline = baseline;
        }
    }

    private record Sample(Instant time, double ms, String traceId) {
    }

    record SampleState(String time, double ms, String traceId) {
    }

    record VersionSnapshot(String version, SeasonalLatency.State baseline, List<SampleState> window, boolean flagged,
            String onset, String since, String lastEvaluated, long held) {
    }

    record KeySnapshot(String key, List<VersionSnapshot> versions) {
    }

    /** Every key's baselines, windows and flags, least recently used first. */
    public JsonNode snapshot(ObjectMapper mapper) {
        List<KeySnapshot> snapshot = new ArrayList<>();
        keys.forEach((key, versions) -> {
            List<VersionSnapshot> states = new ArrayList<>();
            versions.forEach((version, state) -> states.add(new VersionSnapshot(version, state.baseline.state(),
                    state.window.stream().map(s -> new SampleState(s.time().toString(), s.ms(), s.traceId()))
                            .toList(),
                    state.flagged, text(state.onset), text(state.since), text(state.lastEvaluated), state.held)));
            snapshot.add(new KeySnapshot(key, states));
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
            BoundedLru<String, VersionState> versions = new BoundedLru<>(settings.maxVersions());
            for (VersionSnapshot saved1 : key.versions()) {
                VersionState state = new VersionState(SeasonalLatency.of(saved1.baseline()));
                saved1.window().forEach(s -> state.window.addLast(new Sample(Instant.parse(s.time()), s.ms(),
                        s.traceId())));
                state.flagged = saved1.flagged();
                state.onset = instant(saved1.onset());
                state.since = instant(saved1.since());
                state.lastEvaluated = instant(saved1.lastEvaluated());
                state.held = saved1.held();
                versions.put(saved1.version(), state);
            }
            keys.put(key.key(), versions);
        }
    }

    static String text(Instant time) {
        return time == null ? null : time.toString();
    }

    static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
