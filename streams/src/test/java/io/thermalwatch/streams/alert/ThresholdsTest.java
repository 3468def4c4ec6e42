package io.thermalwatch.streams.alert;

import static io.thermalwatch.streams.alert.Severity.CRITICAL;
import static io.thermalwatch.streams.alert.Severity.WARNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermalwatch.streams.alert.Thresholds.Direction;
import org.junit.jupiter.api.Test;

class ThresholdsTest {

    /** Margin to slowdown: warning at <= 10 °C (clear above 12), critical at <= 5 °C (clear above 7). */
    private final Thresholds margin = new Thresholds(Direction.BELOW, 10.0, 12.0, 5.0, 7.0);
    /** Supply temperature: warning at >= 40 °C (clear below 38), critical at >= 45 °C (clear below 43). */
    private final Thresholds supply = new Thresholds(Direction.ABOVE, 40.0, 38.0, 45.0, 43.0);

    @Test
    void belowAtAndAboveEachTriggerFromClear() {
        assertThat(margin.level(10.01, null)).isNull();
        assertThat(margin.level(10.0, null)).isEqualTo(WARNING);
        assertThat(margin.level(9.99, null)).isEqualTo(WARNING);
        assertThat(margin.level(5.01, null)).isEqualTo(WARNING);
        assertThat(margin.level(5.0, null)).isEqualTo(CRITICAL);
        assertThat(margin.level(-3.0, null)).isEqualTo(CRITICAL);

        assertThat(supply.level(39.99, null)).isNull();
        assertThat(supply.level(40.0, null)).isEqualTo(WARNING);
        assertThat(supply.level(45.0, null)).isEqualTo(CRITICAL);
    }

    @Test
    void aFiringLevelHoldsUntilPastItsClearThreshold() {
        assertThat(margin.level(11.5, WARNING)).as("between trigger and clear: held").isEqualTo(WARNING);
        assertThat(margin.level(12.0, WARNING)).as("at the clear level: still held").isEqualTo(WARNING);
        assertThat(margin.level(12.01, WARNING)).as("past the clear level").isNull();
        assertThat(margin.level(6.5, CRITICAL)).isEqualTo(CRITICAL);
        assertThat(margin.level(7.01, CRITICAL)).as("critical cleared, still a warning").isEqualTo(WARNING);
        assertThat(margin.level(12.5, CRITICAL)).isNull();
        assertThat(margin.level(6.5, WARNING)).as("hysteresis never raises a level").isEqualTo(WARNING);

        assertThat(supply.level(38.5, WARNING)).isEqualTo(WARNING);
        assertThat(supply.level(37.9, WARNING)).isNull();
        assertThat(supply.level(43.5, CRITICAL)).isEqualTo(CRITICAL);
        assertThat(supply.level(42.9, CRITICAL)).isEqualTo(WARNING);
    }

    @Test
    void aCriticalOnlyRuleHoldsAndClears() {
        Thresholds leak = new Thresholds(Direction.ABOVE, null, null, 1.0, 0.5);
        assertThat(leak.level(0.0, null)).isNull();
        assertThat(leak.level(1.0, null)).isEqualTo(CRITICAL);
        assertThat(leak.level(0.7, CRITICAL)).isEqualTo(CRITICAL);
        assertThat(leak.level(0.4, CRITICAL)).isNull();
    }

    @Test
    void noReadingIsClear() {
        assertThat(margin.level(Double.NaN, CRITICAL)).isNull();
    }

    @Test
    void inconsistentThresholdsAreRefusedNamingTheLevel() {
        assertThatThrownBy(() -> new Thresholds(Direction.BELOW, 10.0, 8.0, 5.0, 7.0))
                .hasMessageContaining("warning clear level 8.0");
        assertThatThrownBy(() -> new Thresholds(Direction.ABOVE, 40.0, 38.0, 35.0, 33.0))
                .hasMessageContaining("critical threshold 35.0 must be at least as bad");
        assertThatThrownBy(() -> new Thresholds(Direction.ABOVE, null, null, null, null))
                .hasMessageContaining("needs a warning or a critical");
    }
}
