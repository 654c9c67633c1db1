package dev.selfheal.bench;

import dev.selfheal.logmining.LogTemplateMiner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Mining a real log stream (a Loghub 2k sample, whole raw lines) with a fresh miner each pass, so learning new
 * templates is part of the cost, as it is for a new source. Reported per line.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MiningBenchmark {

    static final int LINES = 2000;

    @Param({"HDFS", "Hadoop", "OpenStack"})
    public String system;

    private List<String> lines;

    @Setup
    public void read() throws IOException {
        Path datasets = Path.of(System.getProperty("selfheal.datasets", "../shared/datasets"));
        Path file = datasets.resolve("loghub-2k").resolve(system).resolve(system + "_2k.log");
        lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(l -> l.replace("\r", "")).toList();
        if (lines.size() != LINES) {
            throw new IllegalStateException(file + " has " + lines.size() + " lines, expected " + LINES);
        }
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public int mineAll() {
        LogTemplateMiner miner = new LogTemplateMiner();
        int last = 0;
        for (String line : lines) {
            last = miner.mine(line).templateId();
        }
        return last;
    }
}
