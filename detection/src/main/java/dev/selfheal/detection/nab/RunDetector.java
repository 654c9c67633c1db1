package dev.selfheal.detection.nab;

import dev.selfheal.detection.series.DetectorConfig;
import dev.selfheal.detection.series.SeriesDetector;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./selfheal eval nab --selfheal}: runs Selfheal's {@link SeriesDetector} over every data file of the NAB
 * corpus, one value at a time, with one configuration for all files, writes its per-row scores in NAB's results layout
 * ({@code OUT/selfheal/<category>/selfheal_<file>.csv}) and scores them with {@link NabEvaluation}.
 *
 * <p>Per NAB's rules the only per-file input is the probationary period (derived from the file's length, as NAB
 * gives every detector), used as the detector's learning period.
 *
 * <p>Arguments: the NAB dataset root and the output directory (the results go to its {@code selfheal} folder).
 */
public final class RunDetector {

    /** The detector's name in NAB's layout, hence also the results folder's name. */
    public static final String NAME = "selfheal";

    private RunDetector() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: RunDetector NAB_ROOT OUT_DIR");
            System.exit(2);
        }
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        Path results = Path.of(args[1]).toAbsolutePath().normalize().resolve(NAME);
        NabCorpus corpus = NabCorpus.load(root);
        for (DataFile file : corpus.files()) {
            run(root.resolve("data").resolve(file.path()), results.resolve(file.category())
                    .resolve(NAME + "_" + file.path().substring(file.path().indexOf('/') + 1)));
        }
        NabEvaluation.main(new String[] {root.toString(), results.toString()});
    }

    /** Scores one NAB data file ({@code timestamp,value}) into a results file ({@code timestamp,value,anomaly_score}). */
    static void run(Path data, Path out) {
        try {
            List<String> lines = Files.readAllLines(data).stream().skip(1).filter(l -> !l.isBlank()).toList();
            int learning = Math.max(2, (int) FileSweep.probationaryLength(lines.size()));
            SeriesDetector detector = new SeriesDetector(DetectorConfig.defaults(learning));
            Files.createDirectories(out.getParent());
            try (BufferedWriter writer = Files.newBufferedWriter(out)) {
                writer.write("timestamp,value,anomaly_score\n");
                for (String line : lines) {
                    String[] fields = line.split(",");
                    double value = Double.parseDouble(fields[1]);
                    writer.write(fields[0] + "," + fields[1] + ","
                            + String.format(Locale.ROOT, "%.10f", detector.score(
                            LocalDateTime.parse(fields[0].replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC), value)) + "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
