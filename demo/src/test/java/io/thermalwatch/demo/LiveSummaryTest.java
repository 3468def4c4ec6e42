package io.thermalwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.api.alert.AlertCounts;
import io.thermalwatch.model.RackAggregate;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveSummaryTest {

    private static RackAggregate rack(String id, double powerW, double maxC, int throttled) {
        return new RackAggregate(1, "s", "h", "r01", id, 1_790_000_000_000L, 1_790_000_010_000L, 18, 72, 180,
                powerW, 45, maxC, null, throttled);
    }

    @Test
    void summarisesTheFleetOnOneLine() {
        String line = LiveSummary.line(List.of(rack("r01-k01", 60_000, 61.2, 1), rack("r01-k02", 50_500, 70.4, 2)),
                new AlertCounts(3, 1), 5760, 3);
        assertThat(line).isEqualTo("window to 14:13:30Z | racks 2 | GPUs 144 | 110.5 kW | max GPU 70.4 °C (r01-k02)"
                + " | thermal-throttled 3 | alerts firing 3 critical, 1 warning | samples published 5760, lost 3");
        assertThat(line).doesNotContain("\n");
    }

    @Test
    void countsCriticalAndWarningAlertsApart() {
        List<RackAggregate> racks = List.of(rack("r01-k01", 60_000, 61.2, 0));
        assertThat(LiveSummary.line(racks, new AlertCounts(0, 0), 1, 0)).contains("| alerts firing 0 critical, 0 warning |");
        assertThat(LiveSummary.line(racks, new AlertCounts(0, 12), 1, 0)).contains("| alerts firing 0 critical, 12 warning |");
        assertThat(LiveSummary.line(racks, new AlertCounts(7, 0), 1, 0)).contains("| alerts firing 7 critical, 0 warning |");
    }

    @Test
    void countsInTheSingularAndThePlural() {
        assertThat(LiveSummary.count(1, "rack")).isEqualTo("1 rack");
        assertThat(LiveSummary.count(2, "rack")).isEqualTo("2 racks");
        assertThat(LiveSummary.count(0, "GPU")).isEqualTo("0 GPUs");
    }
}
