package dev.selfheal.healing.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SuccessRateTest {

    @Test
    void noOutcomesIsAnEvenChanceWithAWideInterval() {
        SuccessRate rate = SuccessRate.of(0, 0);

        assertThat(rate.estimate()).isEqualTo(0.5);
        assertThat(rate.low()).isLessThan(0.01);
        assertThat(rate.high()).isGreaterThan(0.99);
    }

    @Test
    void intervalNarrowsAsOutcomesAccumulateAtTheSameRate() {
        SuccessRate few = SuccessRate.of(8, 2);
        SuccessRate many = SuccessRate.of(80, 20);

        assertThat(many.high() - many.low()).isLessThan((few.high() - few.low()) / 2);
        assertThat(many.estimate()).isCloseTo(0.8, within(0.01));
        assertThat(many.low()).isBetween(0.72, 0.80);
        assertThat(many.high()).isBetween(0.80, 0.87);
    }

    @Test
    void aShortPerfectStreakDoesNotClearAHighBar() {
        assertThat(SuccessRate.of(3, 0).clears(0.8, 3)).isFalse();
        assertThat(SuccessRate.of(40, 0).clears(0.8, 10)).isTrue();
        assertThat(SuccessRate.of(40, 0).clears(0.8, 50)).as("too few outcomes").isFalse();
        assertThat(SuccessRate.of(30, 10).clears(0.8, 10)).isFalse();
    }

    @Test
    void refusesNegativeCountsAndLevelsOutsideTheUnitInterval() {
        assertThatThrownBy(() -> SuccessRate.of(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SuccessRate.of(1, 0, 1.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
