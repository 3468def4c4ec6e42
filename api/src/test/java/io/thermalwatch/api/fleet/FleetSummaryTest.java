package io.thermalwatch.api.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.model.RackAggregate;
import io.thermalwatch.model.ThermalAlert;
import java.util.List;

import org.junit.jupiter.api.Test;

class FleetSummaryTest {

    static final long NOW = 1_795_824_000_000L;

    static RackAggregate rack(String hall, String row, String rack, long endMs, double powerW, double marginC, int gpus) {
        return new RackAggregate(1, "ams1", hall, row, rack, endMs - 10_000, endMs, 18, gpus, 180, powerW, 48.0, 61.0, 70.0,
                0, null, null, null, null, new RackAggregate.Margin(marginC, rack + "-n07", 2), null, null, null, null, null,
                null, null, null);
    }

    static ThermalAlert alert(String hall, String rack, String row, String severity) {
        return new ThermalAlert(1, "r|" + rack, "gpu-temp", severity, ThermalAlert.FIRING, "ams1", hall, row, rack, null, null,
                null, 1.0, 2.0, NOW - 5_000, null, "s", null, null);
    }

    @Test
    void sumsFreshRacksOnlyAndFindsTheLowestMarginAndCountsAlertsBySeverity() {
        List<RackAggregate> racks = List.of(
                rack("h1", "r01", "r01-k01", NOW - 5_000, 50_000, 12.5, 72),
                rack("h1", "r01", "r01-k02", NOW - 1_000, 40_000, 3.25, 68),
                rack("h1", "r02", "r02-k01", NOW - 120_000, 99_000, -4.0, 72)); // stale: left out of the figures
        FleetSummary s = FleetSummary.of(null, "h1", null, racks,
                List.of(alert("h1", "r01-k01", "r01", "critical"), alert("h1", "r01-k02", "r01", "warning"), alert("h1", "r01-k02", "r01", "warning")),
                NOW, 60_000);
        assertThat(s.racksReporting()).isEqualTo(2);
        assertThat(s.racksStale()).isEqualTo(1);
        assertThat(s.gpusReporting()).isEqualTo(140);
        assertThat(s.totalPowerKw()).isEqualTo(90.0);
        assertThat(s.minSlowdownMargin()).isEqualTo(new FleetSummary.Margin(3.25, "r01-k02", "r01-k02-n07", 2));
        assertThat(s.alertsFiring()).isEqualTo(new FleetSummary.Alerts(1, 2));
        assertThat(s.hall()).isEqualTo("h1");
        assertThat(s.site()).isNull();
    }

    @Test
    void noFreshRackMeansNoMargin() {
        FleetSummary s = FleetSummary.of(null, null, null, List.of(rack("h1", "r01", "r01-k01", NOW - 61_000, 1, 1, 1)),
                List.of(), NOW, 60_000);
        assertThat(s.racksReporting()).isZero();
        assertThat(s.minSlowdownMargin()).isNull();
        assertThat(s.totalPowerKw()).isZero();
    }
}
