package dev.selfheal.detection.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The NAB data files present under {@code data/} with their windows from {@code labels/combined_windows.json}, in
 * path order so every run scores them the same way. Only the categories present are read: a copy may hold some
 * back, and the labels of the missing files are then ignored.
 */
public record NabCorpus(Path root, List<DataFile> files, List<CostProfile> profiles) {

    public NabCorpus {
        files = List.copyOf(files);
        profiles = List.copyOf(profiles);
    }

    public static NabCorpus load(Path root) {
        Map<String, List<AnomalyWindow>> windows = readWindows(root.resolve("labels/combined_windows.json"));
        List<DataFile> files = new ArrayList<>();
        for (String path : dataPaths(root.resolve("data"))) {
            List<AnomalyWindow> fileWindows = windows.get(path);
            if (fileWindows == null) {
                throw new IllegalArgumentException("no windows labelled for " + path);
            }
            files.add(new DataFile(path, readTimestamps(root.resolve("data").resolve(path)), fileWindows));
        }
        return new NabCorpus(root, files, CostProfile.load(root.resolve("config/profiles.json")));
    }

    public List<String> categories() {
        return files.stream().map(DataFile::category).distinct().toList();
    }

    private static List<String> dataPaths(Path dataDir) {
        try (Stream<Path> walk = Files.walk(dataDir)) {
            return walk.filter(p -> p.toString().endsWith(".csv"))
                    .map(p -> dataDir.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<LocalDateTime> readTimestamps(Path csv) {
        try (Stream<String> lines = Files.lines(csv)) {
            return lines.skip(1).filter(line -> !line.isBlank())
                    .map(line -> NabTimestamps.parse(line.substring(0, line.indexOf(','))))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, List<AnomalyWindow>> readWindows(Path json) {
        try {
            JsonNode root = new ObjectMapper().readTree(json.toFile());
            Map<String, List<AnomalyWindow>> windows = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                List<AnomalyWindow> fileWindows = new ArrayList<>();
                for (JsonNode limits : entry.getValue()) {
                    fileWindows.add(new AnomalyWindow(NabTimestamps.parse(limits.get(0).asText()),
                            NabTimestamps.parse(limits.get(1).asText())));
                }
                windows.put(entry.getKey(), fileWindows);
            }
            return windows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
