package dev.selfheal.detection.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScaledSigmoidTest {

    @Test
    void rewardsEarlyDetectionAndPenalisesLateFalsePositives() {
        assertThat(ScaledSigmoid.of(-1.0)).isCloseTo(0.98661, within(1e-5));
        assertThat(ScaledSigmoid.of(-0.5)).isCloseTo(0.84828, within(1e-5));
        assertThat(ScaledSigmoid.of(0.0)).isZero();
        assertThat(ScaledSigmoid.of(1.0)).isCloseTo(-0.98661, within(1e-5));
    }

    @Test
    void clampsToMinusOneOnlyBeyondThreeWindowWidths() {
        assertThat(ScaledSigmoid.of(3.0)).isGreaterThan(-1.0).isCloseTo(-1.0, within(1e-6));
        assertThat(ScaledSigmoid.of(3.0000001)).isEqualTo(-1.0);
    }
}
