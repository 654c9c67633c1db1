package dev.selfheal.detection.stats;

import com.tdunning.math.stats.MergingDigest;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The latency baseline of one handler (or dependency) in one version: a t-digest of all its accepted samples, for the
 * percentiles findings report, and a {@link LogHistogram} per hour of the day and per hour of the week, created
 * when the first sample of that hour arrives.
 *
 * <p><b>Recurring shifts.</b> Samples of a flagged shift are held back from the baseline, which is right for a
 * regression but would keep a daily pattern (a nightly batch that triples latency from 2 to 4 a.m.) flagged for
 * ever: its hours would never be learned. So held samples are kept aside per hour of the day, with which hours of
 * which day were flagged (the last {@value #DAYS_REMEMBERED} days). An hour that was flagged on at least two
 * different days, each of them a day on which at most half the hours were flagged, is a recurring shift, i.e.
 * seasonal: its held samples then count in that hour's slot. A regression that lasts all day never qualifies, as
 * more than half of its days' hours are flagged. Weekly slots learn accepted samples only.
 *
 * <p>Worst case, a baseline holds one digest (a few kB) and 216 histograms of 256 bytes, about 60 kB.
 */
public final class SeasonalLatency {

    private static final int DAYS_REMEMBERED = 14;

    private final MergingDigest all;
    private final LogHistogram[] daily = new LogHistogram[Seasonality.HOURS_PER_DAY];
    private final LogHistogram[] weekly = new LogHistogram[Seasonality.HOURS_PER_WEEK];
    private final LogHistogram[] heldDaily = new LogHistogram[Seasonality.HOURS_PER_DAY];
    private final TreeMap<Long, Integer> flaggedHours = new TreeMap<>();
    private Instant first;
    private Instant last;

    public SeasonalLatency(double compression) {
        this.all = Digests.create(compression);
    }

    private SeasonalLatency(MergingDigest all) {
        this.all = all;
    }

    /** The baseline to compare with at {@code time}, and the seasonal slot it is when it is one (else null). */
    public record Choice(LatencyDistribution distribution, String slot) {
    }

    public void add(Instant time, double ms) {
        all.add(ms);
        slot(daily, Seasonality.hourOfDay(time)).add(ms);
        slot(weekly, Seasonality.hourOfWeek(time)).add(ms);
        if (first == null || time.isBefore(first)) {
            first = time;
        }
        if (last == null || time.isAfter(last)) {
            last = time;
        }
    }

    /** A sample of a flagged shift: kept aside, counted in its hour of the day only if the shift recurs. */
    public void addHeld(Instant time, double ms) {
        int hour = Seasonality.hourOfDay(time);
        slot(heldDaily, hour).add(ms);
        flaggedHours.merge(Math.floorDiv(time.getEpochSecond(), 86_400), 1 << hour, (a, b) -> a | b);
        while (flaggedHours.size() > DAYS_REMEMBERED) {
            flaggedHours.pollFirstEntry();
        }
    }

    private boolean recurring(int hour) {
        int days = 0;
        for (int mask : flaggedHours.values()) {
            if ((mask & (1 << hour)) != 0 && Integer.bitCount(mask) <= Seasonality.HOURS_PER_DAY / 2) {
                days++;
            }
        }
        return days >= 2;
    }

    public long count() {
        return all.size();
    }

    public Instant last() {
        return last;
    }

    /**
     * The hour-of-week slot when the history spans {@link Seasonality#weeklyAfter} and the slot is full enough,
     * else the hour-of-day slot on the same terms, else null: the caller then decides whether all hours will do.
     */
    public Choice seasonal(Instant time, Seasonality seasonality) {
        int week = Seasonality.hourOfWeek(time);
        if (seasonality.spans(first, last, seasonality.weeklyAfter()) && weekly[week] != null
                && weekly[week].count() >= seasonality.minSlotSamples()) {
            return new Choice(weekly[week], Seasonality.weeklySlotName(week));
        }
        int day = Seasonality.hourOfDay(time);
        if (!seasonality.spans(first, last, seasonality.dailyAfter())) {
            return null;
        }
        LogHistogram slot = daily[day] == null ? new LogHistogram() : daily[day];
        if (heldDaily[day] != null && recurring(day)) {
            slot = LogHistogram.of(slot.counts());
            slot.addAll(heldDaily[day]);
        }
        return slot.count() >= seasonality.minSlotSamples()
                ? new Choice(slot, Seasonality.dailySlotName(day))
                : null;
    }

    public Choice overall() {
        return new Choice(new DigestDistribution(all), null);
    }

    private static LogHistogram slot(LogHistogram[] slots, int index) {
        if (slots[index] == null) {
            slots[index] = new LogHistogram();
        }
        return slots[index];
    }

    /** The baseline as plain data for a snapshot: the digest's bytes, the non-empty slots' bins. */
    public record State(byte[] digest, Map<Integer, int[]> daily, Map<Integer, int[]> weekly,
            Map<Integer, int[]> heldDaily, Map<Long, Integer> flaggedHours, String first, String last) {
    }

    public State state() {
        return new State(Digests.toBytes(all), bins(daily), bins(weekly), bins(heldDaily), new TreeMap<>(flaggedHours),
                first == null ? null : first.toString(), last == null ? null : last.toString());
    }

    public static SeasonalLatency of(State state) {
        SeasonalLatency baseline = new SeasonalLatency(Digests.fromBytes(state.digest()));
        fill(baseline.daily, state.daily());
        fill(baseline.weekly, state.weekly());
        fill(baseline.heldDaily, state.heldDaily());
        if (state.flaggedHours() != null) {
            baseline.flaggedHours.putAll(state.flaggedHours());
        }
        baseline.first = state.first() == null ? null : Instant.parse(state.first());
        baseline.last = state.last() == null ? null : Instant.parse(state.last());
        return baseline;
    }

    private static Map<Integer, int[]> bins(LogHistogram[] slots) {
        Map<Integer, int[]> bins = new TreeMap<>();
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                bins.put(i, slots[i].counts());
            }
        }
        return bins;
    }

    private static void fill(LogHistogram[] slots, Map<Integer, int[]> bins) {
        if (bins != null) {
            bins.forEach((slot, counts) -> {
                if (slot >= 0 && slot < slots.length) {
                    slots[slot] = LogHistogram.of(counts);
                }
            });
        }
    }
}
