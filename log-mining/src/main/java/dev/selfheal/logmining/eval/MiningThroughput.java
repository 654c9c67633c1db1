package dev.selfheal.logmining.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.selfheal.logmining.LogTemplateMiner;

/**
 * Single-thread mining throughput over every line of the given datasets, one fresh miner per system per pass as in
 * production (one miner per source), after a warm-up so the JIT has compiled the hot path.
 */
public final class MiningThroughput {

    private static final int WARM_UP_PASSES = 20;
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
        System.out.printf("%,.0f lines/s on one thread%n", measure(sources));
    }

    /** Lines per second over the measured passes. */
    public static double measure(List<List<String>> sources) {
        long sink = 0;
        for (int pass = 0; pass < WARM_UP_PASSES; pass++) {
            sink += minePass(sources);
        }
        long lines = 0;
        long started = System.nanoTime();
        for (int pass = 0; pass < MEASURED_PASSES; pass++) {
            sink += minePass(sources);
            for (List<String> source : sources) {
                lines += source.size();
            }
        }
        long elapsed = System.nanoTime() - started;
        if (sink == 42) {
            System.out.print("");
        }
        return lines * 1e9 / elapsed;
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
