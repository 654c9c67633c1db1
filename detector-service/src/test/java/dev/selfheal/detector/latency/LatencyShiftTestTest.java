package dev.selfheal.detector.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.junit.jupiter.api.Test;

class LatencyShiftTestTest {

    private final LatencyShiftTest test = new LatencyShiftTest(0.001, 1.5, 5, 50);

    @Test
    void tenfoldSlowdownIsAShiftWithItsFigures() {
        Latencies latencies = new Latencies(1);
        LatencyVerdict verdict = test.evaluate(latencies.around(20, 500), latencies.around(200, 30));

        assertThat(verdict.state()).isEqualTo(LatencyState.SHIFTED);
        assertThat(verdict.pValue()).isLessThan(1e-15);
        assertThat(verdict.baseline().samples()).isEqualTo(500);
        assertThat(verdict.observed().samples()).isEqualTo(30);
        assertThat(verdict.baseline().p50Ms()).isCloseTo(20, within(1.0));
        assertThat(verdict.observed().p50Ms()).isCloseTo(200, within(15.0));
        assertThat(verdict.p95Ratio()).isBetween(7.0, 13.0);
    }

    @Test
    void samplesFromTheSameDistributionAreSteadyAcrossManySeeds() {
        for (long seed = 0; seed < 200; seed++) {
            Latencies latencies = new Latencies(seed);
            LatencyVerdict verdict = test.evaluate(latencies.around(20, 500), latencies.around(20, 30));
            assertThat(verdict.state()).as("seed %d", seed).isEqualTo(LatencyState.STEADY);
        }
    }

    @Test
    void outliersOnEitherSideDoNotRaiseAShift() {
        Latencies latencies = new Latencies(7);
        double[] baselineWithSpikes = latencies.around(20, 500, 0.05, 25);
        assertThat(test.evaluate(baselineWithSpikes, latencies.around(20, 30)).state()).isEqualTo(LatencyState.STEADY);

        double[] observed = latencies.around(20, 30);
        observed[3] = 2_000;
        observed[17] = 5_000;
        LatencyVerdict twoSpikes = test.evaluate(latencies.around(20, 500), observed);
        assertThat(twoSpikes.state()).isEqualTo(LatencyState.STEADY);
        assertThat(twoSpikes.p95Ratio()).as("the spikes do move p95").isGreaterThan(1.5);
        assertThat(twoSpikes.pValue()).as("but not the ranks").isGreaterThan(0.001);
    }

    @Test
    void aSignificantButSmallSlowdownIsNotAShift() {
        Latencies latencies = new Latencies(3);
        LatencyVerdict verdict = test.evaluate(latencies.around(20, 500), latencies.around(26, 30));

        assertThat(verdict.pValue()).as("30%% slower is detectable").isLessThan(0.001);
        assertThat(verdict.state()).as("but below the 1.5x effect size").isEqualTo(LatencyState.STEADY);
    }

    @Test
    void subMillisecondJitterNeverAlertsEvenWhenItTriples() {
        Latencies latencies = new Latencies(4);
        LatencyVerdict verdict = test.evaluate(latencies.around(0.2, 500), latencies.around(0.6, 30));

        assertThat(verdict.pValue()).isLessThan(1e-10);
        assertThat(verdict.p50Ratio()).isGreaterThan(2.5);
        assertThat(verdict.state()).as("0.4 ms more is below the 5 ms floor").isEqualTo(LatencyState.STEADY);
    }

    @Test
    void onlyTheTailGettingSlowerIsNotAShiftOfTheHandler() {
        Latencies latencies = new Latencies(5);
        double[] observed = latencies.around(20, 30);
        for (int i = 0; i < 4; i++) {
            observed[i] = 300 + i;
        }
        LatencyVerdict verdict = test.evaluate(latencies.around(20, 500), observed);

        assertThat(verdict.p95Ratio()).isGreaterThan(1.5);
        assertThat(verdict.state()).isEqualTo(LatencyState.STEADY);
    }

    @Test
    void gettingFasterIsNotAShift() {
        Latencies latencies = new Latencies(6);
        LatencyVerdict verdict = test.evaluate(latencies.around(200, 500), latencies.around(20, 30));

        assertThat(verdict.state()).isEqualTo(LatencyState.STEADY);
        assertThat(verdict.pValue()).as("one-sided: faster is the opposite of the alternative").isGreaterThan(0.99);
    }

    @Test
    void aFewSlowSamplesAreNotSignificantHoweverSlow() {
        Latencies latencies = new Latencies(8);
        LatencyVerdict verdict = test.evaluate(latencies.around(20, 50), latencies.around(400, 3));

        assertThat(verdict.p95Ratio()).isGreaterThan(10);
        assertThat(verdict.pValue()).isGreaterThan(0.001);
        assertThat(verdict.state()).isEqualTo(LatencyState.STEADY);
    }

    @Test
    void noVerdictBeforeTheBaselineHasTheMinimumSamples() {
        Latencies latencies = new Latencies(9);
        double[] observed = latencies.around(200, 30);

        LatencyVerdict learning = test.evaluate(latencies.around(20, 49), observed);
        assertThat(learning.state()).isEqualTo(LatencyState.LEARNING);
        assertThat(learning.pValue()).isNaN();
        assertThat(learning.baseline().samples()).isEqualTo(49);

        assertThat(test.evaluate(latencies.around(20, 50), observed).state()).isEqualTo(LatencyState.SHIFTED);
        assertThat(test.evaluate(new double[0], observed).baseline().p50Ms()).isNaN();
    }

    @Test
    void identicalDurationsAreSteadyAndAZeroBaselineDoesNotDivideByZero() {
        double[] same = new double[100];
        Arrays.fill(same, 12.0);
        LatencyVerdict verdict = test.evaluate(same, Arrays.copyOf(same, 30));
        assertThat(verdict.state()).isEqualTo(LatencyState.STEADY);
        assertThat(verdict.pValue()).isCloseTo(0.5, within(1e-9));

        double[] observed = new Latencies(10).around(50, 30);
        LatencyVerdict fromZero = test.evaluate(new double[100], observed);
        assertThat(fromZero.state()).isEqualTo(LatencyState.SHIFTED);
        assertThat(fromZero.p95Ratio()).isFinite();
    }

    @Test
    void oneSidedPValueIsHalfTheTwoSidedOneOnTheSlowSide() {
        Latencies latencies = new Latencies(11);
        double[] baseline = latencies.around(20, 200);
        double[] slower = latencies.around(23, 30);
        double slow = LatencyShiftTest.pValueSlower(slower, baseline);
        double fast = LatencyShiftTest.pValueSlower(baseline, slower);
        double twoSided = new MannWhitneyUTest().mannWhitneyUTest(slower, baseline);

        assertThat(slow).isCloseTo(twoSided / 2, within(1e-12));
        assertThat(fast).isCloseTo(1 - twoSided / 2, within(1e-12));
        assertThat(slow).isLessThan(0.5).isLessThan(fast);
    }

    @Test
    void settingsOutsideTheirRangeAreRefused() {
        assertThatThrownBy(() -> new LatencyShiftTest(0, 1.5, 5, 50)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> new LatencyShiftTest(1, 1.5, 5, 50)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> new LatencyShiftTest(0.001, 0.9, 5, 50)).hasMessageContaining("ratio");
        assertThatThrownBy(() -> new LatencyShiftTest(0.001, 1.5, -1, 50)).hasMessageContaining("increase");
        assertThatThrownBy(() -> new LatencyShiftTest(0.001, 1.5, 5, 1)).hasMessageContaining("baseline");
    }
}
