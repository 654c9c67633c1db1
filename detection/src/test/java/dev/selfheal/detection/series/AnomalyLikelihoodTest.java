package dev.selfheal.detection.series;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class AnomalyLikelihoodTest {

    @Test
    void aSustainedRiseInRawScoresIsLikelyAnomalousAndNoiseIsNot() {
        AnomalyLikelihood likelihood = new AnomalyLikelihood(100, 8640, 10, 100);
        Random random = new Random(1);
        double maxDuringNoise = 0;
        for (int i = 0; i < 2000; i++) {
            double out = likelihood.update(0.1 * random.nextDouble());
            if (i >= 100) {
                maxDuringNoise = Math.max(maxDuringNoise, out);
            }
        }
        double maxDuringRise = 0;
        for (int i = 0; i < 10; i++) {
            maxDuringRise = Math.max(maxDuringRise, likelihood.update(1.0));
        }
        assertThat(maxDuringNoise).isLessThan(0.5);
        assertThat(maxDuringRise).isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void logScaleMapsTheRedZoneToAHalf() {
        assertThat(AnomalyLikelihood.logScale(1 - 1e-5)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(AnomalyLikelihood.logScale(0.5)).isLessThan(0.05);
        assertThat(AnomalyLikelihood.logScale(1)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    }
}
