package io.thermalwatch.collector.smi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each steadiness rule on its own: a tick that breaks only that rule must not make an estimate. */
class TLimitEstimatorTest {

    private static SmiGpu tick(double tempC, double marginC, double averageW, double instantW) {
        return new SmiGpu(0, "GPU-1", "NVIDIA H100 80GB HBM3", averageW, tempC, null, null, null, null, 700.0,
                null, null, null, null, new SmiGpu.TLimitLayout(marginC, -8.0, -2.0, 0.0), averageW, instantW, false);
    }

    @Test
    void noEstimateWithoutThreeTicksOfHistory() {
        TLimitEstimator estimator = new TLimitEstimator(Map.of());
        // powers agree, the sum is wrong (97): one or two ticks are not enough to call it steady
        assertThat(estimator.observe(tick(62, 35, 690, 690))).isNull();
        assertThat(estimator.observe(tick(62, 35, 690, 690))).isNull();
        assertThat(estimator.observe(tick(62, 25, 690, 690))).as("third steady tick: 87").isEqualTo(87.0);
    }

    @Test
    void noEstimateWhileTheTemperatureMoves() {
        TLimitEstimator estimator = new TLimitEstimator(Map.of());
        // powers agree at every tick, but the GPU heats 2 °C a tick and the margin lags a tick behind
        double temp = 50;
        for (int i = 0; i < 10; i++, temp += 2) {
            assertThat(estimator.observe(tick(temp, 87 - (temp - 2), 690, 690))).as("tick %d", i).isNull();
        }
    }

    @Test
    void noEstimateWhileAverageAndInstantPowerDisagree() {
        TLimitEstimator estimator = new TLimitEstimator(Map.of());
        // the temperature holds, but the card's power swings (450 W apart): the pair is not of one instant
        for (int i = 0; i < 10; i++) {
            assertThat(estimator.observe(tick(62, 35, 252.37, 702.84))).as("tick %d", i).isNull();
        }
        for (int i = 0; i < 3; i++) {
            estimator.observe(tick(62, 25, 690, 700)); // 10 W apart: agree
        }
        assertThat(estimator.observe(tick(62, 25, 690, 700))).isEqualTo(87.0);
    }

    @Test
    void modeWinsAndATieTakesTheLowerValue() {
        TLimitEstimator estimator = new TLimitEstimator(Map.of());
        estimator.observe(tick(60, 28, 690, 690));
        estimator.observe(tick(60, 28, 690, 690));
        assertThat(estimator.observe(tick(60, 28, 690, 690))).isEqualTo(88.0);
        assertThat(estimator.observe(tick(60, 27, 690, 690))).as("1:1 tie: the lower").isEqualTo(87.0);
        assertThat(estimator.observe(tick(60, 27, 690, 690))).isEqualTo(87.0);
        assertThat(estimator.observe(tick(60, 28, 690, 690))).as("2:2 tie").isEqualTo(87.0);
        assertThat(estimator.observe(tick(60, 28, 690, 690))).as("3:2").isEqualTo(88.0);
    }
}
