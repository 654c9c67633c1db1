package dev.selfheal.detection.nab;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One series of the corpus: its path relative to {@code data/} ({@code realTraffic/speed_7578.csv}), its timestamps
 * in file order and its labelled windows in time order.
 */
public record DataFile(String path, List<LocalDateTime> timestamps, List<AnomalyWindow> windows) {

    public DataFile {
        timestamps = List.copyOf(timestamps);
        windows = List.copyOf(windows);
    }

    /** The folder the file sits in, which NAB calls its category ({@code realTraffic}). */
    public String category() {
        return path.substring(0, path.indexOf('/'));
    }

    public int length() {
        return timestamps.size();
    }
}
