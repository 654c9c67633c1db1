package dev.selfheal.detection.nab;

import java.time.LocalDateTime;

/** A labelled anomaly window of one data file, both ends inclusive, as {@code labels/combined_windows.json} gives it. */
public record AnomalyWindow(LocalDateTime start, LocalDateTime end) {
}
