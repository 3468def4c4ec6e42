package io.thermalwatch.streams.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.model.ClockEventReasons;
import io.thermalwatch.model.GpuReading;
import io.thermalwatch.model.NodeSample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GpuRulesTest {

    /** One recorded state change. */
    record Change(String rule, AlertSubject subject, Transition transition, double value, String summary) {
    }

    private static final long BASE_MS = 1_790_000_000_000L;

    private final GpuRules rules = new GpuRules(RuleBook.defaults());
    private final GpuTrack track = new GpuTrack();
    private final List<Change> changes = new ArrayList<>();
    private final AlertListener listener = (rule, subject, t, value, summary) ->
            changes.add(new Change(rule.id(), subject, t, value, summary));

    @Test
    void slowdownMarginFiresAtItsEdgesAfterItsForAndNamesTheGpu() {
        // H100 thresholds: slowdown 89 °C. warning at margin <= 8 (81 °C) held 10 s, critical <= 3 (86 °C) held 5 s
        feed(0, 80.9, null);
        feed(1_000, 81.0, null); // margin 8.0: at the edge, breached
        feed(10_999, 81.0, null);
        assertThat(of("gpu-slowdown-margin")).as("for not yet met").isEmpty();
        feed(11_000, 81.0, null);
        assertThat(of("gpu-slowdown-margin")).singleElement().satisfies(c -> {
            assertThat(c.transition().kind()).isEqualTo(Transition.Kind.FIRING);
            assertThat(c.transition().severity()).isEqualTo(Severity.WARNING);
            assertThat(c.transition().startsAtMs()).isEqualTo(BASE_MS + 1_000);
            assertThat(c.value()).isEqualTo(8.0);
            assertThat(c.subject()).isEqualTo(AlertSubject.gpu("s", "h", "r01", "r01-k01", "r01-k01-n07", 2));
            assertThat(c.summary()).isEqualTo("GPU 2 of r01-k01-n07 is 8.0 °C from its slowdown temperature (89 °C), at 81 °C");
        });
        feed(12_000, 86.0, null);
        feed(16_999, 86.0, null);
        assertThat(of("gpu-slowdown-margin")).hasSize(1);
        feed(17_000, 86.0, null);
        assertThat(last("gpu-slowdown-margin").transition().severity()).isEqualTo(Severity.CRITICAL);
        feed(18_000, 84.5, null); // margin 4.5: critical held (clears above 5)
        assertThat(of("gpu-slowdown-margin")).hasSize(2);
        feed(19_000, 83.9, null); // margin 5.1: back to warning
        assertThat(last("gpu-slowdown-margin").transition().severity()).isEqualTo(Severity.WARNING);
        feed(20_000, 79.5, null); // margin 9.5: warning held (clears above 10)
        feed(80_000, 79.5, null);
        assertThat(of("gpu-slowdown-margin")).hasSize(3);
        feed(81_000, 78.9, null); // margin 10.1: clear; keep firing 30 s
        feed(110_999, 78.9, null);
        assertThat(of("gpu-slowdown-margin")).hasSize(3);
        feed(111_000, 78.9, null);
        assertThat(last("gpu-slowdown-margin").transition().kind()).isEqualTo(Transition.Kind.RESOLVED);
    }

    @Test
    void unknownClockEventReasonsNeitherFireNorClear() {
        for (long t = 0; t <= 3_000; t += 1_000) {
            feed(t, 70, ClockEventReasons.SW_THERMAL_SLOWDOWN);
        }
        assertThat(last("gpu-thermal-slowdown").transition().severity()).isEqualTo(Severity.WARNING);
        for (long t = 4_000; t <= 200_000; t += 1_000) {
            feed(t, 70, null);
        }
        assertThat(of("gpu-thermal-slowdown")).as("unknown is not 'fine'").hasSize(1);
        feed(201_000, 70, 0L);
        feed(231_000, 70, 0L);
        assertThat(last("gpu-thermal-slowdown").transition().kind()).isEqualTo(Transition.Kind.RESOLVED);
    }

    @Test
    void hardwareThermalAndPowerBrakeAreCriticalAtOnce() {
        feed(0, 70, ClockEventReasons.HW_POWER_BRAKE_SLOWDOWN);
        assertThat(last("gpu-thermal-slowdown").transition().severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void hwSlowdownCountsAsThermalOnlyNearTheSlowdownTemperature() {
        assertThat(rules.throttleLevel(ClockEventReasons.HW_SLOWDOWN, 20.0)).as("far from slowdown: external").isZero();
        assertThat(rules.throttleLevel(ClockEventReasons.HW_SLOWDOWN, 5.0)).isEqualTo(2);
        assertThat(rules.throttleLevel(ClockEventReasons.HW_SLOWDOWN, Double.NaN)).as("no threshold known").isZero();
        assertThat(rules.throttleLevel(ClockEventReasons.SW_POWER_CAP | ClockEventReasons.GPU_IDLE, 1.0)).isZero();
        assertThat(rules.throttleLevel(null, 1.0)).isNaN();
    }

    @Test
    void aJobStartingOnACoolGpuForecastsNothing() {
        // idle 30 °C, then load: first-order approach to 72 °C (τ 13 s), integer readings at 1 Hz
        for (int s = 0; s <= 300; s++) {
            feed(s * 1_000L, Math.round(72 - 42 * Math.exp(-s / 13.0)), 0L);
        }
        assertThat(changes).isEmpty();
    }

    @Test
    void aGpuHeadingPastSlowdownIsForecastBeforeTheMarginRuleFires() {
        // a fouled cold plate: from 65 °C heading for 105 °C (τ 20 s)
        for (int s = 0; s <= 120; s++) {
            feed(s * 1_000L, Math.round(105 - 40 * Math.exp(-s / 20.0)), 0L);
        }
        Change forecast = of("gpu-slowdown-forecast").get(0);
        Change margin = of("gpu-slowdown-margin").get(0);
        assertThat(forecast.transition().kind()).isEqualTo(Transition.Kind.FIRING);
        assertThat(forecast.summary()).startsWith("GPU 2 of r01-k01-n07 reaches slowdown (89 °C) in ~").contains("s at the current rise");
        long forecastAt = changes.indexOf(forecast);
        assertThat(forecastAt).isLessThan(changes.indexOf(margin));
        assertThat(forecast.value()).as("seconds to slowdown").isBetween(5.0, 90.0);
    }

    private void feed(long t, double tempC, Long reasons) {
        GpuReading gpu = new GpuReading(2, "GPU-2", "NVIDIA H100 80GB HBM3", 600, tempC, 60.0, 1980, reasons, 90.0, 700.0,
                89.0, 95.0, 87.0, 95.0);
        NodeSample sample = new NodeSample(1, BASE_MS + t, "s", "h", "r01", "r01-k01", "r01-k01-n07", List.of(gpu));
        rules.evaluate(sample, gpu, track, listener);
    }

    private List<Change> of(String rule) {
        return changes.stream().filter(c -> c.rule().equals(rule)).toList();
    }

    private Change last(String rule) {
        List<Change> c = of(rule);
        return c.get(c.size() - 1);
    }
}
