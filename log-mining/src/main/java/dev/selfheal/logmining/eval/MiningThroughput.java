package dev.selfheal.logmining.eval;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.selfheal.logmining.LogTemplateMiner;

/**
 * Single-thread mining throughput over every line of the given datasets, one fresh miner per system per pass as in
 * production (one miner per source), after a warm-up of at least 20 passes and 15 seconds so the JIT has compiled
 * the hot path.
 */
public final class MiningThroughput {

    private static final int WARM_UP_PASSES = 20;
    /**
     * The warm-up also lasts at least this long: on a busy machine the JIT compiler threads wait for a core too,
     * and 20 passes measured code that was not yet compiled (as JMH's timed warm-up iterations avoid).
     */
    private static final long WARM_UP_NANOS = 15_000_000_000L;
    private static final int MEASURED_PASSES = 30;

    private MiningThroughput() {
    }

    public static void main(String[] args) throws IOException {
        List<List<String>> sources = new ArrayList<>();
        for (String directory : args) {
            for (LoghubSystem system : LoghubSystem.loadAll(Path.of(directory))) {
                sources.add(system.lines());
            }
        }
        System.out.println(run(sources));
    }

    /** Lines per second over the measured passes, wall clock. */
    public static double measure(List<List<String>> sources) {
        return run(sources).perWallSecond();
    }

    /**
     * Mines the measured passes after the warm-up, timing them by the wall clock and by the CPU time of the mining
     * thread. On a machine shared with other work the wall clock also counts time the thread spent waiting for a
     * core; the thread's CPU time counts only the mining, which is what "lines per second on one core" means.
     */
    public static Result run(List<List<String>> sources) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        long warmUpStarted = System.nanoTime();
        for (int pass = 0; pass < WARM_UP_PASSES || System.nanoTime() - warmUpStarted < WARM_UP_NANOS; pass++) {
            sink += minePass(sources);
        }
        long lines = 0;
        long started = System.nanoTime();
        long cpuStarted = threads.getCurrentThreadCpuTime();
        for (int pass = 0; pass < MEASURED_PASSES; pass++) {
            sink += minePass(sources);
            for (List<String> source : sources) {
                lines += source.size();
            }
        }
        long cpu = threads.getCurrentThreadCpuTime() - cpuStarted;
        long elapsed = System.nanoTime() - started;
        if (sink == 42) {
            System.out.print("");
        }
        return new Result(lines * 1e9 / elapsed, lines * 1e9 / cpu);
    }

    /**
     * @param perWallSecond lines per second of elapsed time
     * @param perCpuSecond  lines per second of the mining thread's CPU time
     */
    public record Result(double perWallSecond, double perCpuSecond) {

        @Override
        public String toString() {
            return String.format("%,.0f lines/s on one thread (wall clock), %,.0f lines per CPU-second of the mining"
                    + " thread", perWallSecond, perCpuSecond);
        }
    }

    /** Returns a value depending on every result so that the JIT cannot drop the work. */
    private static long minePass(List<List<String>> sources) {
        long sum = 0;
        for (List<String> source : sources) {
            LogTemplateMiner miner = new LogTemplateMiner();
            for (String line : source) {
                sum += miner.mine(line).templateId();
            }
        }
        return sum;
    }
}
