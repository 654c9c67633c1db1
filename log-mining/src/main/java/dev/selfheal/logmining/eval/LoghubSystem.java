package dev.selfheal.logmining.eval;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One Loghub system's 2k sample: the raw lines as a log shipper would send them, and the ground-truth event id of
 * each line.
 *
 * @param name    the system, e.g. {@code HDFS}
 * @param lines   the raw lines, headers included, line endings removed
 * @param eventIds the ground-truth EventId of each line
 */
public record LoghubSystem(String name, List<String> lines, List<String> eventIds) {

    /** Every system in a dataset directory, in name order; corrected labels are used where the directory has them. */
    public static List<LoghubSystem> loadAll(Path datasetDirectory) throws IOException {
        List<LoghubSystem> systems = new ArrayList<>();
        try (Stream<Path> children = Files.list(datasetDirectory)) {
            for (Path dir : children.filter(Files::isDirectory).sorted().toList()) {
                String name = dir.getFileName().toString();
                if (Files.exists(dir.resolve(name + "_2k.log"))) {
                    systems.add(load(dir, name));
                }
            }
        }
        return systems;
    }

    static LoghubSystem load(Path dir, String name) throws IOException {
        Path corrected = dir.resolve(name + "_2k.log_structured_corrected.csv");
        Path labels = Files.exists(corrected) ? corrected : dir.resolve(name + "_2k.log_structured.csv");
        List<String> lines = readLines(dir.resolve(name + "_2k.log"));
        List<String> eventIds = readEventIds(labels);
        if (lines.size() != eventIds.size()) {
            throw new IOException(name + ": " + lines.size() + " log lines but " + eventIds.size() + " labels");
        }
        return new LoghubSystem(name, lines, eventIds);
    }

    /** Splits on LF only and drops a trailing CR, so that a stray CR inside a line cannot shift the labels. */
    private static List<String> readLines(Path file) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(2048);
        int start = 0;
        while (start < content.length()) {
            int end = content.indexOf('\n', start);
            if (end < 0) {
                end = content.length();
            }
            int contentEnd = end > start && content.charAt(end - 1) == '\r' ? end - 1 : end;
            lines.add(content.substring(start, contentEnd));
            start = end + 1;
        }
        return lines;
    }

    private static List<String> readEventIds(Path csv) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> ids = new ArrayList<>(2048);
            for (CSVRecord record : parser) {
                ids.add(record.get("EventId"));
            }
            return ids;
        }
    }
}
