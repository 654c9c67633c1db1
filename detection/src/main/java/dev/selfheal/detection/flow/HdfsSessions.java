package dev.selfheal.detection.flow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads {@code HDFS_100k_block_sessions.csv} of the loglizer-hdfs dataset (see its SOURCE.md). */
public final class HdfsSessions {

    static final String FILE = "HDFS_100k_block_sessions.csv";
    private static final String HEADER = "BlockId,Label,Split_hdfs_1.0_tar,InTrain_hdfs_0.0_tar,NumEvents,EventSequence";

    private HdfsSessions() {
    }

    public static List<HdfsSession> load(Path datasetDir) {
        Path csv = datasetDir.resolve(FILE);
        try {
            List<String> lines = Files.readAllLines(csv);
            if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
                throw new IllegalArgumentException(csv + ": expected header " + HEADER);
            }
            List<HdfsSession> sessions = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (!line.isBlank()) {
                    sessions.add(parse(line, csv));
                }
            }
            return sessions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HdfsSession parse(String line, Path csv) {
        String[] f = line.split(",", -1);
        if (f.length != 6) {
            throw new IllegalArgumentException(csv + ": malformed row " + line);
        }
        List<String> events = f[5].isBlank() ? List.of() : Arrays.asList(f[5].trim().split(" "));
        if (events.size() != Integer.parseInt(f[4])) {
            throw new IllegalArgumentException(csv + ": NumEvents disagrees with EventSequence in " + f[0]);
        }
        return new HdfsSession(f[0], label(f[1], csv), split(f[2], csv), f[3].equals("1"), events);
    }

    private static boolean label(String value, Path csv) {
        return switch (value) {
            case "Anomaly" -> true;
            case "Normal" -> false;
            default -> throw new IllegalArgumentException(csv + ": unknown label " + value);
        };
    }

    private static boolean split(String value, Path csv) {
        return switch (value) {
            case "train" -> true;
            case "test" -> false;
            default -> throw new IllegalArgumentException(csv + ": unknown split " + value);
        };
    }
}
