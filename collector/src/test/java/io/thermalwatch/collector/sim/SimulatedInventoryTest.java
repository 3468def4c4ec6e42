package io.thermalwatch.collector.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.collector.TelemetryBatch;
import io.thermalwatch.model.CoolantSample;
import io.thermalwatch.model.GpuReading;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.RackInventory;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The simulated fleet's inventory against what the simulator actually does. */
class SimulatedInventoryTest {

    private static final long T0 = 1_790_000_000_000L;
    private static final FleetLayout LAYOUT = new FleetLayout("ams1", "h1", 3, 2, 18, 4);

    @Test
    void oneEntryPerRackExpectingEveryNodeAndGpuOfTheLayout() {
        List<RackInventory> racks = SimulatedInventory.of(LAYOUT);
        assertThat(racks).extracting(RackInventory::rack).containsExactly("r01-k01", "r01-k02", "r02-k01");
        assertThat(racks).extracting(RackInventory::row).containsExactly("r01", "r01", "r02");
        assertThat(racks).allSatisfy(r -> {
            assertThat(r.site()).isEqualTo("ams1");
            assertThat(r.hall()).isEqualTo("h1");
            assertThat(r.expectedNodes()).isEqualTo(18);
            assertThat(r.expectedGpus()).isEqualTo(72);
            assertThat(r.powerBudgetKw()).isEqualTo(110.88); // 72 × 1,400 W × 1.1
        });
        assertThat(SimulatedInventory.of(new FleetLayout("s", "h", 1, 8, 2, 8)).get(0))
                .isEqualTo(new RackInventory(1, "s", "h", "r01", "r01-k01", 2, 16, 24.64, "cdu1", 30.0, 180.0, 140.0));
    }

    @Test
    void coolantDesignIsWhatAHealthyLoopReportsUnderTheSameLoopId() {
        Map<String, RackInventory> inventory = byRack(SimulatedInventory.of(LAYOUT));
        FleetSimulator sim = new FleetSimulator(LAYOUT, 42);
        for (int t = 0; t < 20; t++) {
            for (CoolantSample c : sim.read(T0 + t * 1_000L).coolant()) {
                RackInventory r = inventory.get(c.rack());
                assertThat(c.loop()).isEqualTo(r.coolantLoop());
                assertThat(c.supplyTempC()).isEqualTo(r.designSupplyTempC());
                assertThat(c.flowLpm()).isEqualTo(r.designFlowLpm());
                assertThat(c.diffPressureKpa()).isEqualTo(r.designDiffPressureKpa());
            }
        }
    }

    /**
     * Healthy racks stay under the rack-power-budget warning (95 %) in every 10 s window, even at
     * the highest load the seed gives; the over-budget fault (default factor) passes 100 %.
     */
    @Test
    void healthyRacksStayUnderTheBudgetWarningAndOverBudgetExceedsTheBudget() {
        Map<String, RackInventory> inventory = byRack(SimulatedInventory.of(LAYOUT));
        FleetSimulator sim = new FleetSimulator(LAYOUT, 42,
                FaultScenario.parse("120 over-budget r01-k02 for=60", "test"));
        double healthiestMaxPct = 0;
        double overBudgetPct = 0;
        for (int window = 0; window < 18; window++) {
            Map<String, Double> sumW = new java.util.HashMap<>();
            for (int t = 0; t < 10; t++) {
                TelemetryBatch b = sim.read(T0 + (window * 10L + t) * 1_000L);
                for (NodeSample n : b.nodes()) {
                    sumW.merge(n.rack(), n.gpus().stream().mapToDouble(GpuReading::powerW).sum(), Double::sum);
                }
            }
            for (Map.Entry<String, Double> e : sumW.entrySet()) {
                double pct = e.getValue() / 10 / 1000 / inventory.get(e.getKey()).powerBudgetKw() * 100;
                boolean faulted = e.getKey().equals("r01-k02") && window >= 12;
                if (faulted && window >= 13) { // the first faulted window is still ramping up
                    overBudgetPct = Math.max(overBudgetPct, pct);
                    assertThat(pct).as("window %d of the over-budget rack", window).isGreaterThanOrEqualTo(100);
                } else if (!faulted) {
                    healthiestMaxPct = Math.max(healthiestMaxPct, pct);
                }
            }
        }
        System.out.printf("simulated inventory: healthy racks at most %.1f %% of budget, over-budget rack %.1f %%%n",
                healthiestMaxPct, overBudgetPct);
        assertThat(healthiestMaxPct).isLessThan(95);
        // even every GPU of a rack at its limit stays under the warning
        assertThat(72 * SimulatedGpu.LIMIT_W / 1000 / inventory.get("r01-k01").powerBudgetKw() * 100).isLessThan(95);
    }

    private static Map<String, RackInventory> byRack(List<RackInventory> racks) {
        return racks.stream().collect(Collectors.toMap(RackInventory::rack, Function.identity()));
    }
}
