package dev.selfheal.detection.series;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceSurpriseTest {

    @Test
    void aRepeatedPatternBecomesUnsurprisingAndANewTransitionIsSurprising() {
        SequenceSurprise model = new SequenceSurprise(2);
        long[] pattern = {0, 10, 20, 30};
        double last = 1;
        for (int round = 0; round < 50; round++) {
            for (long bin : pattern) {
                last = model.update(bin);
            }
        }
        assertThat(last).isZero();
        model.update(0);
        model.update(10);
        assertThat(model.update(30)).isEqualTo(1.0);
    }

    @Test
    void aNeighbouringBinCountsAsExpected() {
        SequenceSurprise model = new SequenceSurprise(1);
        for (int i = 0; i < 100; i++) {
            model.update(i % 2 == 0 ? 0 : 10);
        }
        model.update(0);
        assertThat(model.update(11)).isZero();
        model.update(0);
        assertThat(model.update(13)).isEqualTo(1.0);
    }
}
