package dev.selfheal.detection.nab;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one file's anomaly scores into {@link ScoredPoint}s under one cost profile, following NAB v1.1's sweeper:
 * a row inside a window is worth tpWeight·sigmoid(-(right - i + 1) / width) / sigmoid(-1); a row outside is worth
 * fpWeight·sigmoid(distance past the preceding window's right edge / (that window's width - 1)), or -fpWeight when
 * no window precedes it. The first 15% of the file (at most 750 rows) is probationary.
 */
public final class FileSweep {

    /** NAB's runner scores a file only after this fraction of it. */
    public static final double PROBATIONARY_PERCENT = 0.15;

    private FileSweep() {
    }

    /** NAB's probationary length: min(floor(0.15·rows), 0.15·5000); rows with a lower index are not scored. */
    public static double probationaryLength(int rows) {
        return Math.min(Math.floor(PROBATIONARY_PERCENT * rows), PROBATIONARY_PERCENT * 5000);
    }

    /**
     * @param firstWindowId the id to give the file's first window; the others follow in order, so files swept
     *                      together for a corpus-wide threshold never share a window id
     */
    public static ScoredPoint[] points(DataFile file, double[] anomalyScores, CostProfile profile, int firstWindowId) {
        List<LocalDateTime> timestamps = file.timestamps();
        if (anomalyScores.length != timestamps.size()) {
            throw new IllegalArgumentException(file.path() + ": " + anomalyScores.length + " anomaly scores for "
                    + timestamps.size() + " rows");
        }
        Map<LocalDateTime, Integer> firstIndex = new HashMap<>();
        for (int i = timestamps.size() - 1; i >= 0; i--) {
            firstIndex.put(timestamps.get(i), i);
        }
        double probation = probationaryLength(timestamps.size());
        List<AnomalyWindow> windows = file.windows();
        ScoredPoint[] points = new ScoredPoint[timestamps.size()];

        int nextWindow = 0;
        int current = ScoredPoint.OUTSIDE;
        int currentRight = -1;
        int currentWidth = 0;
        int previousRight = -1;
        int previousWidth = 0;
        for (int i = 0; i < timestamps.size(); i++) {
            LocalDateTime timestamp = timestamps.get(i);
            if (nextWindow < windows.size() && timestamp.equals(windows.get(nextWindow).start())) {
                current = nextWindow++;
                currentRight = indexOf(firstIndex, windows.get(current).end(), file);
                currentWidth = currentRight - indexOf(firstIndex, windows.get(current).start(), file) + 1;
            }
            double weighted;
            if (current != ScoredPoint.OUTSIDE) {
                double position = -(currentRight - i + 1) / (double) currentWidth;
                weighted = ScaledSigmoid.of(position) * profile.tpWeight() / ScaledSigmoid.MAX_TRUE_POSITIVE;
            } else {
                double unweighted = previousRight < 0 ? -1.0
                        : ScaledSigmoid.of(Math.abs(previousRight - i) / (double) (previousWidth - 1));
                weighted = unweighted * profile.fpWeight();
            }
            int window = current == ScoredPoint.OUTSIDE ? ScoredPoint.OUTSIDE : firstWindowId + current;
            points[i] = new ScoredPoint(anomalyScores[i], weighted, window, i < probation);
            if (current != ScoredPoint.OUTSIDE && timestamp.equals(windows.get(current).end())) {
                previousRight = i;
                previousWidth = currentWidth;
                current = ScoredPoint.OUTSIDE;
            }
        }
        if (nextWindow < windows.size()) {
            throw new IllegalArgumentException(file.path() + ": window starting " + windows.get(nextWindow).start()
                    + " does not start on a row of the file");
        }
        return points;
    }

    private static int indexOf(Map<LocalDateTime, Integer> firstIndex, LocalDateTime timestamp, DataFile file) {
        Integer index = firstIndex.get(timestamp);
        if (index == null) {
            throw new IllegalArgumentException(file.path() + ": window limit " + timestamp + " is not a row of the file");
        }
        return index;
    }
}
