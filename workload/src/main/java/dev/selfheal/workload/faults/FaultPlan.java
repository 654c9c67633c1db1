package dev.selfheal.workload.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * When faults happen, in simulated time from the start of a run. An evaluation plan is a warm-up without faults
 * (for the detectors' baselines), then trials one after the other, each a fault for {@code duration} and a
 * {@code recovery} without any, the kinds taken in turn, {@code trialsPerKind} of each. A continuous plan (for
 * {@code ./selfheal up}) has a fault start every {@code interval}, give or take a fifth of it, forever.
 *
 * @param warmup       time before the first fault
 * @param duration     how long a fault lasts
 * @param recovery     time without a fault after each one (evaluation plans)
 * @param trialsPerKind trials of each kind (evaluation plans); 0 for a continuous plan
 * @param interval     the mean time from one fault's start to the next (continuous plans); null otherwise
 */
public record FaultPlan(Duration warmup, Duration duration, Duration recovery, int trialsPerKind, Duration interval) {

    /**
     * One trial.
     *
     * @param number from 1
     * @param kind   its fault's kind
     * @param onset  when its fault starts, from the start of the run
     * @param end    when it ends, from the start of the run
     */
    public record Trial(int number, FaultKind kind, Duration onset, Duration end) {
    }

    public static final Duration DEFAULT_WARMUP = Duration.ofMinutes(15);
    public static final Duration DEFAULT_DURATION = Duration.ofMinutes(2);
    public static final Duration DEFAULT_RECOVERY = Duration.ofMinutes(4);
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);

    public FaultPlan {
        if (warmup.isNegative() || duration.isZero() || duration.isNegative() || recovery.isNegative()) {
            throw new IllegalArgumentException("warm-up and recovery must be at least 0 and a fault's duration positive");
        }
        if (interval != null && interval.compareTo(duration.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("the interval between faults must be at least twice their duration");
        }
        if (interval == null && trialsPerKind < 1) {
            throw new IllegalArgumentException("an evaluation plan needs at least one trial per kind");
        }
    }

    public static FaultPlan evaluation(Duration warmup, Duration duration, Duration recovery, int trialsPerKind) {
        return new FaultPlan(warmup, duration, recovery, trialsPerKind, null);
    }

    public static FaultPlan continuous(Duration warmup, Duration duration, Duration interval) {
        return new FaultPlan(warmup, duration, Duration.ZERO, 0, interval);
    }

    public boolean isContinuous() {
        return interval != null;
    }

    /** The simulated length of an evaluation plan: warm-up, trials, and the last recovery. */
    public Duration total() {
        if (isContinuous()) {
            throw new IllegalStateException("a continuous plan never ends");
        }
        return warmup.plus(duration.plus(recovery).multipliedBy((long) trialsPerKind * FaultKind.values().length));
    }

    /** The trials in order; endless for a continuous plan. The random generator jitters continuous onsets. */
    public Iterator<Trial> trials(RandomGenerator random) {
        FaultKind[] kinds = FaultKind.values();
        if (!isContinuous()) {
            List<Trial> trials = new ArrayList<>();
            for (int i = 0; i < trialsPerKind * kinds.length; i++) {
                Duration onset = warmup.plus(duration.plus(recovery).multipliedBy(i));
                trials.add(new Trial(i + 1, kinds[i % kinds.length], onset, onset.plus(duration)));
            }
            return trials.iterator();
        }
        return new Iterator<>() {
            private int number;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Trial next() {
                // Onsets move by at most a fifth of the interval either way; with a duration of at most half the
                // interval, a fault always ends before the next one starts.
                long jitter = (long) ((random.nextDouble() - 0.5) * 0.4 * interval.toMillis());
                Duration onset = warmup.plus(interval.multipliedBy(number)).plusMillis(number == 0 ? 0 : jitter);
                Trial trial = new Trial(number + 1, kinds[number % kinds.length], onset, onset.plus(duration));
                number++;
                return trial;
            }
        };
    }
}
