package dev.selfheal.detection.flow;

/** Confusion counts of session-level anomaly detection, anomalous being the positive class. */
public record DetectionCounts(int tp, int fp, int fn, int tn) {

    public DetectionCounts add(boolean flagged, boolean anomalous) {
        return new DetectionCounts(tp + (flagged && anomalous ? 1 : 0), fp + (flagged && !anomalous ? 1 : 0),
                fn + (!flagged && anomalous ? 1 : 0), tn + (!flagged && !anomalous ? 1 : 0));
    }

    public double precision() {
        return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    }

    public double recall() {
        return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
