package dev.selfheal.detection.stats;

import java.time.Duration;
import java.time.Instant;

/**
 * When a baseline of one hour of the day, or of one hour of the week, replaces the baseline of all hours. Traffic of
 * most services follows the day (nightly batches, office hours) and the week; comparing 10 a.m. on a Monday with
 * the average of all hours alarms every morning. A seasonal baseline is only trusted once the history covers the
 * season twice (one day could be an accident) and its slot holds enough samples. Slots are UTC hours: event times
 * carry no time zone, and a service's daily rhythm is a fixed offset from UTC, which the slots absorb.
 *
 * @param enabled        whether seasonal baselines are used at all (off: every hour is compared with all hours)
 * @param dailyAfter     history a baseline must span before its hour-of-day slots are used
 * @param weeklyAfter    history a baseline must span before its hour-of-week slots are used
 * @param minSlotSamples samples (or calls) a slot needs before it is used
 */
public record Seasonality(boolean enabled, Duration dailyAfter, Duration weeklyAfter, long minSlotSamples) {

    public static final Seasonality DEFAULTS = new Seasonality(true, Duration.ofDays(2), Duration.ofDays(14), 100);

    static final int HOURS_PER_DAY = 24;
    static final int HOURS_PER_WEEK = 168;
    /** 1970-01-01 was a Thursday; this puts Monday 00:00 UTC at hour-of-week 0. */
    private static final long EPOCH_HOUR_OF_WEEK = 3 * 24;

    public static int hourOfDay(Instant time) {
        return (int) Math.floorMod(Math.floorDiv(time.getEpochSecond(), 3600), HOURS_PER_DAY);
    }

    public static int hourOfWeek(Instant time) {
        return (int) Math.floorMod(Math.floorDiv(time.getEpochSecond(), 3600) + EPOCH_HOUR_OF_WEEK, HOURS_PER_WEEK);
    }

    /** A slot's name in findings, e.g. {@code hour-of-day:14} or {@code hour-of-week:Mon 14}. */
    public static String dailySlotName(int hour) {
        return "hour-of-day:" + hour;
    }

    public static String weeklySlotName(int hourOfWeek) {
        String[] days = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
        return "hour-of-week:" + days[hourOfWeek / HOURS_PER_DAY] + " " + hourOfWeek % HOURS_PER_DAY;
    }

    boolean spans(Instant first, Instant last, Duration needed) {
        return enabled && first != null && last != null && !Duration.between(first, last).minus(needed).isNegative();
    }
}
