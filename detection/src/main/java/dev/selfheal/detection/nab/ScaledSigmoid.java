package dev.selfheal.detection.nab;

/**
 * NAB's reward curve. A detection's relative position is -1 at a window's left edge, 0 just past its right edge
 * and grows with the distance after it; the curve maps that to about +0.987 (early detection) down to -1 (false
 * positive far from any window), so early detections earn more and false positives right after a window cost less.
 */
public final class ScaledSigmoid {

    /** The value at a window's left edge, by which NAB divides in-window rewards so an earliest detection earns tpWeight. */
    public static final double MAX_TRUE_POSITIVE = of(-1.0);

    private ScaledSigmoid() {
    }

    /**
     * 2·sigmoid(-5·position) - 1, clamped to -1 beyond position 3 as NAB v1.1's sweeper does. The clamp is strict:
     * a false positive exactly 3 window widths after a window still gets 2·sigmoid(-15) - 1 = -0.9999997, and NAB's
     * published tables (windowedGaussian on Twitter_volume_UPS) carry that difference.
     */
    public static double of(double relativePosition) {
        if (relativePosition > 3.0) {
            return -1.0;
        }
        return 2 * sigmoid(-5 * relativePosition) - 1.0;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
