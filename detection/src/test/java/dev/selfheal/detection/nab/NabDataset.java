package dev.selfheal.detection.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The NAB copy in ../shared/datasets/nab and NAB's own published figures in it, which the tests check against. */
final class NabDataset {

    private static NabCorpus corpus;

    private NabDataset() {
    }

    /** ../shared/datasets/nab next to the repository root, which surefire passes as selfheal.root. */
    static Path root() {
        Path repository = Path.of(System.getProperty("selfheal.root", "..")).toAbsolutePath();
        return repository.resolveSibling("shared").resolve("datasets").resolve("nab");
    }

    static synchronized NabCorpus corpus() {
        if (corpus == null) {
            corpus = NabCorpus.load(root());
        }
        return corpus;
    }

    static CostProfile profile(String name) {
        return corpus().profiles().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    /** NAB's per-file rows of {@code results/<detector>/<detector>_<profile>_scores.csv}, by data file path. */
    static Map<String, FileScore> publishedScores(String detector, String profile) {
        Path csv = root().resolve("results").resolve(detector).resolve(detector + "_" + profile + "_scores.csv");
        try {
            List<String> lines = Files.readAllLines(csv);
            Map<String, FileScore> rows = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1);
                if (f[2].isEmpty()) {
                    continue; // the Totals row
                }
                rows.put(f[2], new FileScore(f[2], Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                        Integer.parseInt(f[5]), Integer.parseInt(f[6]), Integer.parseInt(f[7]), Integer.parseInt(f[8]),
                        Integer.parseInt(f[9])));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code S(t)_<profile>} column of NAB's per-row results file for {@code file}. */
    static double[] publishedRowScores(String detector, DataFile file, String profile) {
        String name = file.path().substring(file.path().indexOf('/') + 1);
        Path csv = root().resolve("results").resolve(detector).resolve(file.category()).resolve(detector + "_" + name);
        try {
            List<String> lines = Files.readAllLines(csv);
            int column = List.of(lines.get(0).split(",")).indexOf("S(t)_" + profile);
            return lines.stream().skip(1).filter(line -> !line.isBlank())
                    .mapToDouble(line -> Double.parseDouble(line.split(",")[column])).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The full-precision threshold NAB's optimiser chose, from {@code config/thresholds.json}. */
    static double publishedThreshold(String detector, String profile) {
        return thresholds().path(detector).path(profile).path("threshold").asDouble(Double.NaN);
    }

    /**
     * The Totals row of NAB's score table: the raw score over the whole corpus, held-back categories included. NAB's
     * runner normalises this, not thresholds.json's score, which for windowedGaussian is stale.
     */
    static double publishedRawTotal(String detector, String profile) {
        Path csv = root().resolve("results").resolve(detector).resolve(detector + "_" + profile + "_scores.csv");
        try {
            List<String> lines = Files.readAllLines(csv);
            String[] totals = lines.get(lines.size() - 1).split(",", -1);
            if (!totals[0].equals("Totals")) {
                throw new IllegalStateException(csv + " does not end with a Totals row");
            }
            return Double.parseDouble(totals[4]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double publishedFinalScore(String detector, String profile) {
        return json(root().resolve("results/final_results.json")).path(detector).path(profile).asDouble(Double.NaN);
    }

    private static JsonNode thresholds() {
        return json(root().resolve("config/thresholds.json"));
    }

    private static JsonNode json(Path path) {
        try {
            return new ObjectMapper().readTree(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
