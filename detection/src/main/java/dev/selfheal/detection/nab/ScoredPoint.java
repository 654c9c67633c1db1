package dev.selfheal.detection.nab;

/**
 * One row of a detector's output as NAB's sweep sees it: the detector's anomaly score, what the row would add to
 * the score if it became a detection (NAB's per-row {@code S(t)}), and where it lies.
 *
 * @param window the window the row lies in, {@link #OUTSIDE} when in none; ids are unique across a whole sweep
 * @param probationary whether the row falls in the file's probationary period, where nothing is scored
 */
public record ScoredPoint(double anomalyScore, double weightedScore, int window, boolean probationary) {

    public static final int OUTSIDE = -1;

    public boolean inWindow() {
        return window != OUTSIDE;
    }
}
