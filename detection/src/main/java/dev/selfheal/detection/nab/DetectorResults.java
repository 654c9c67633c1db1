package dev.selfheal.detection.nab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A detector's per-row output in NAB's results layout: {@code <dir>/<category>/<detector>_<file>.csv} with an
 * {@code anomaly_score} column, the detector being the directory's name. Read for the corpus's files only, so a
 * results directory covering more categories than the corpus holds is fine; a corpus file without results is not.
 */
public record DetectorResults(String detector, Map<String, double[]> anomalyScores) {

    public static DetectorResults load(Path directory, NabCorpus corpus) {
        String detector = directory.toAbsolutePath().normalize().getFileName().toString();
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (DataFile file : corpus.files()) {
            String name = file.path().substring(file.path().indexOf('/') + 1);
            Path csv = directory.resolve(file.category()).resolve(detector + "_" + name);
            if (!Files.isRegularFile(csv)) {
                throw new IllegalArgumentException("no results for " + file.path() + ": " + csv + " is missing");
            }
            scores.put(file.path(), readAnomalyScores(csv));
        }
        return new DetectorResults(detector, scores);
    }

    public double[] scoresOf(DataFile file) {
        return anomalyScores.get(file.path());
    }

    private static double[] readAnomalyScores(Path csv) {
        try {
            List<String> lines = Files.readAllLines(csv);
            int column = Arrays.asList(lines.get(0).split(",")).indexOf("anomaly_score");
            if (column < 0) {
                throw new IllegalArgumentException(csv + " has no anomaly_score column");
            }
            return lines.stream().skip(1).filter(line -> !line.isBlank())
                    .mapToDouble(line -> Double.parseDouble(line.split(",")[column]))
                    .toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
