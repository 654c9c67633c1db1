package dev.selfheal.workload.shop;

import java.time.Duration;
import java.time.Instant;

/**
 * Simulated time: it starts at {@code start} and runs {@code speed} times as fast as the wall clock (1 is real
 * time). With a speed of 0 it does not wait at all, for tests and in-process evaluation.
 */
public final class SimClock {

    private final Instant start;
    private final double speed;
    private final long startNanos;
    private final long wallStart = System.nanoTime();

    public SimClock(Instant start, double speed) {
        if (speed < 0) {
            throw new IllegalArgumentException("speed must be at least 0");
        }
        this.start = start;
        this.speed = speed;
        this.startNanos = nanos(start);
    }

    /**
     * The start instant that keeps an accelerated run's event times behind the wall clock: now, minus the
     * simulated duration of the run.
     */
    public static Instant startBehindWallClock(Duration simulated) {
        return Instant.now().minus(simulated);
    }

    /** Blocks until the wall clock reaches the moment that stands for the given simulated time. */
    public void waitUntil(long simNanos) throws InterruptedException {
        if (speed == 0) {
            return;
        }
        long wallTarget = wallStart + (long) ((simNanos - startNanos) / speed);
        long remaining = wallTarget - System.nanoTime();
        if (remaining > 0) {
            Thread.sleep(remaining / 1_000_000, (int) (remaining % 1_000_000));
        }
    }

    public Instant start() {
        return start;
    }

    public long startNanos() {
        return startNanos;
    }

    public double speed() {
        return speed;
    }

    public static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    public static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
