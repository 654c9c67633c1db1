package dev.selfheal.detection.nab;

/**
 * NAB's reported score: the raw score placed on 0..100 between the null detector (0) and the perfect detector (100),
 * both computed over the same files and profile. Undefined (NaN) when the files hold no window.
 */
public record Normalisation(double nullScore, double perfectScore) {

    public double normalise(double rawScore) {
        if (perfectScore == nullScore) {
            return Double.NaN;
        }
        return 100 * (rawScore - nullScore) / (perfectScore - nullScore);
    }
}
