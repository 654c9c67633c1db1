package dev.selfheal.logmining.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.selfheal.logmining.LogTemplateMiner;

/**
 * Grouping accuracy of {@link LogTemplateMiner} on Loghub 2k datasets, per system and mean, next to Drain's
 * published figures, then single-thread throughput over all their lines.
 *
 * <p>Usage: {@code LoghubEvaluation <dataset-dir>...}, e.g. {@code ../shared/datasets/loghub-2k
 * ../shared/datasets/loghub-2k-corrected}.
 */
public final class LoghubEvaluation {

    /** Drain's grouping accuracy on loghub-2k as published in logpai/logparser (see loghub-2k/SOURCE.md). */
    static final Map<String, Double> DRAIN = Map.ofEntries(
            Map.entry("HDFS", 0.9975), Map.entry("Hadoop", 0.9475), Map.entry("Spark", 0.92),
            Map.entry("Zookeeper", 0.9665), Map.entry("BGL", 0.9625), Map.entry("HPC", 0.887),
            Map.entry("Thunderbird", 0.955), Map.entry("Windows", 0.997), Map.entry("Linux", 0.69),
            Map.entry("Android", 0.911), Map.entry("HealthApp", 0.78), Map.entry("Apache", 1.0),
            Map.entry("Proxifier", 0.5265), Map.entry("OpenSSH", 0.7875), Map.entry("OpenStack", 0.7325),
            Map.entry("Mac", 0.7865));

    private LoghubEvaluation() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: LoghubEvaluation <dataset-dir>...");
            System.exit(2);
        }
        List<List<String>> allLines = new ArrayList<>();
        for (String directory : args) {
            Path path = Path.of(directory);
            List<LoghubSystem> systems = LoghubSystem.loadAll(path);
            System.out.printf("%n%s%n%-10s %8s %8s%n", path.getFileName(), "system", "GA", "Drain");
            double sum = 0;
            for (LoghubSystem system : systems) {
                double ga = groupingAccuracy(system);
                sum += ga;
                allLines.add(system.lines());
                Double drain = DRAIN.get(system.name());
                System.out.printf("%-10s %8.4f %8s%s%n", system.name(), ga,
                        drain == null ? "-" : String.format("%.4f", drain),
                        drain != null && ga < drain ? "  below Drain" : "");
            }
            System.out.printf("%-10s %8.4f  (%d systems)%n", "mean", sum / systems.size(), systems.size());
        }
        System.out.printf("%nthroughput: %s%n", MiningThroughput.run(allLines));
    }

    /** Mines the lines in order; a line's group is the id its template resolves to once the stream has ended. */
    public static double groupingAccuracy(LoghubSystem system) {
        LogTemplateMiner miner = new LogTemplateMiner();
        int[] ids = new int[system.lines().size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = miner.mine(system.lines().get(i)).templateId();
        }
        for (int i = 0; i < ids.length; i++) {
            ids[i] = miner.currentId(ids[i]);
        }
        return GroupingAccuracy.of(ids, system.eventIds());
    }
}
