package io.thermalwatch.streams.rollup;

import static io.thermalwatch.streams.rollup.RackWindowBuilder.window;
import static io.thermalwatch.streams.rollup.RollupHarness.M0;
import static io.thermalwatch.streams.rollup.RollupHarness.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.model.FleetRollup;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A fleet of 1,000 racks (one hall, 20 rows of 50) for a few minutes through the rollup: every row and
 * the hall emit exactly one complete rollup per minute. Prints what it cost (not asserted: the machine
 * is shared and noisy), measured inside TopologyTestDriver, which adds its own per-record overhead.
 */
class RollupLoadTest {

    private static final int RACKS = 1000;
    private static final int ROWS = 20;
    private static final int MINUTES = 5;

    @Test
    void aThousandRacksGiveOneCompleteRollupPerRowAndHallPerMinute() {
        try (RollupHarness h = new RollupHarness()) {
            long started = System.nanoTime();
            int windows = 0;
            Map<String, FleetRollup> out = new java.util.HashMap<>();
            for (int w = 0; w < MINUTES * 6 + 4; w++) { // 4 more windows pass the last minute's end + grace
                for (int k = 0; k < RACKS; k++) {
                    h.send(window(String.format("r%02d-k%02d", k % ROWS, k / ROWS), M0 + w * 10_000L, 50_000 + k)
                            .row(String.format("r%02d", k % ROWS)).inventory(18, 72, 140.0));
                    windows++;
                }
                out.putAll(h.emitted());
            }
            long elapsedNs = System.nanoTime() - started;
            assertThat(out).hasSize(MINUTES * (ROWS + 1));
            double rowSum = 0;
            for (int m = 0; m < MINUTES; m++) {
                FleetRollup hall = out.get("ams1/h1@" + m);
                assertThat(hall.level()).isEqualTo("hall");
                assertThat(hall.row()).isNull();
                assertThat(hall.racksReporting()).isEqualTo(RACKS);
                assertThat(hall.rackWindows()).isEqualTo(RACKS * 6);
                assertThat(hall.coveragePct()).isEqualTo(100.0);
                assertThat(hall.totalPowerW()).isEqualTo(RACKS * 50_000.0 + RACKS * (RACKS - 1) / 2.0);
                rowSum = 0;
                for (int r = 0; r < ROWS; r++) {
                    FleetRollup row = out.get(String.format("ams1/h1/r%02d@%d", r, m));
                    assertThat(row.racksReporting()).isEqualTo(RACKS / ROWS);
                    rowSum += row.totalPowerW();
                }
                assertThat(rowSum).isEqualTo(hall.totalPowerW());
            }
            long[] changelog = h.written("rollup-test-" + RollupTopology.STORE + "-changelog");
            long[] repartition = h.written("rollup-test-" + RollupTopology.REPARTITION + "-repartition");
            System.out.printf("rollup load: %d rack windows (%d racks x %d windows) in %d ms through TopologyTestDriver, "
                            + "%.1f us a window; repartition %d records, %.0f bytes a record; changelog %d records, %.0f bytes "
                            + "per rack window; %d rollups%n", windows, RACKS, windows / RACKS, elapsedNs / 1_000_000,
                    elapsedNs / 1000.0 / windows, repartition[1], (double) repartition[0] / repartition[1], changelog[1],
                    (double) changelog[0] / windows, out.size());
            assertThat(h.producedTopics()).contains("rollup-test-rollup-store-changelog");
        }
    }
}
