package io.thermalwatch.collector.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermalwatch.collector.TelemetryBatch;
import io.thermalwatch.model.ClockEventReasons;
import io.thermalwatch.model.CoolantSample;
import io.thermalwatch.model.GpuReading;
import io.thermalwatch.model.NodeSample;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The coolant loop and the scripted faults, each against a fault-free twin with the same seed. */
class PhysicalSimulationTest {

    private static final long T0 = 1_790_000_000_000L;
    private static final FleetLayout LAYOUT = new FleetLayout("s", "h", 2, 2, 18, 4);

    private static List<TelemetryBatch> run(String scenario, int seconds) {
        FleetSimulator sim = new FleetSimulator(LAYOUT, 5, FaultScenario.parse(scenario, "test"));
        List<TelemetryBatch> out = new ArrayList<>();
        for (int t = 0; t <= seconds; t++) {
            out.add(sim.read(T0 + t * 1000L));
        }
        return out;
    }

    private static CoolantSample loop(TelemetryBatch b, String rack) {
        return b.coolant().stream().filter(c -> c.rack().equals(rack)).findFirst().orElseThrow();
    }

    private static GpuReading gpu(TelemetryBatch b, String node, int index) {
        return reported(b, node, index).orElseThrow();
    }

    private static java.util.Optional<GpuReading> reported(TelemetryBatch b, String node, int index) {
        return b.nodes().stream().filter(n -> n.node().equals(node)).findFirst().orElseThrow().gpus().stream()
                .filter(g -> g.index() == index).findFirst();
    }

    private static double rackMeanTemp(TelemetryBatch b, String rack) {
        return b.nodes().stream().filter(n -> n.rack().equals(rack)).flatMap(n -> n.gpus().stream())
                .mapToDouble(GpuReading::gpuTempC).average().orElseThrow();
    }

    @Test
    void loopDeltaTIsHeatOverFlowTimesDensityTimesSpecificHeat() {
        for (TelemetryBatch b : run("", 30)) {
            for (CoolantSample c : b.coolant()) {
                double massFlow = c.flowLpm() / 60.0 * CoolantLoop.DENSITY_KG_PER_L;
                assertThat(c.deltaTempC()).isCloseTo(c.heatRemovedKw() / (massFlow * CoolantLoop.SPECIFIC_HEAT_KJ_PER_KG_K),
                        org.assertj.core.data.Offset.offset(0.02));
                assertThat(c.returnTempC()).isCloseTo(c.supplyTempC() + c.deltaTempC(), org.assertj.core.data.Offset.offset(0.02));
                assertThat(c.heatRemovedKw()).isGreaterThan(0);
                assertThat(c.leaking()).isFalse();
            }
        }
    }

    /** What the streams app's rack-heat-balance rule expects of a healthy liquid-cooled rack. */
    @Test
    void theLoopCarriesNinetyFivePercentOfTheRacksModulePower() {
        for (TelemetryBatch b : run("", 30)) {
            for (CoolantSample c : b.coolant()) {
                // the electrical power the pipeline measures: module power (GPU × 1.15, as a GB300 reports)
                double gpuKw = b.nodes().stream().filter(n -> n.rack().equals(c.rack())).flatMap(n -> n.gpus().stream())
                        .mapToDouble(GpuReading::budgetPowerW).sum() / 1000.0;
                assertThat(c.rackPowerKw()).isCloseTo(gpuKw, org.assertj.core.data.Offset.offset(0.05));
                assertThat(c.heatRemovedKw()).isCloseTo(0.95 * gpuKw, org.assertj.core.data.Offset.offset(0.05));
            }
        }
    }

    @Test
    void pumpFailureCutsFlowAndTheRacksGpusClimb() {
        List<TelemetryBatch> healthy = run("", 90);
        List<TelemetryBatch> failed = run("30 pump-failure r01-k02", 90);
        assertThat(loop(failed.get(29), "r01-k02").flowLpm()).isEqualTo(CoolantLoop.NOMINAL_FLOW_LPM);
        assertThat(loop(failed.get(31), "r01-k02").flowLpm()).isLessThan(CoolantLoop.NOMINAL_FLOW_LPM * 0.5);
        assertThat(loop(failed.get(31), "r01-k02").pumps()).anySatisfy(p -> assertThat(p.health()).isEqualTo("Critical"));
        assertThat(rackMeanTemp(failed.get(90), "r01-k02")).isGreaterThan(rackMeanTemp(healthy.get(90), "r01-k02") + 3);
        // the other rack does not notice
        assertThat(rackMeanTemp(failed.get(90), "r01-k01")).isEqualTo(rackMeanTemp(healthy.get(90), "r01-k01"));
    }

    @Test
    void fouledColdPlateHeatsOnlyItsGpu() {
        List<TelemetryBatch> healthy = run("", 120);
        List<TelemetryBatch> fouled = run("0 over-budget r01-k01 factor=1.0\n10 fouled-cold-plate r01-k01-n03:2 factor=3", 120);
        assertThat(gpu(fouled.get(120), "r01-k01-n03", 2).gpuTempC())
                .isGreaterThan(gpu(fouled.get(120), "r01-k01-n03", 1).gpuTempC() + 15);
        assertThat(gpu(healthy.get(120), "r01-k02-n01", 0)).isEqualTo(gpu(fouled.get(120), "r01-k02-n01", 0));
    }

    @Test
    void fouledColdPlateSlowsItsGpuDownToHoldItNearTheLimit() {
        // factor 3 at the full 1400 W would settle ~40 °C above the 87 °C max operating temperature
        GpuThermalModel unprotected = new GpuThermalModel(SimulatedGpu.LIMIT_W);
        unprotected.step(SimulatedGpu.LIMIT_W, CoolantLoop.SUPPLY_C, 0, 3.0);
        assertThat(unprotected.dieC()).isGreaterThan(SimulatedGpu.SHUTDOWN_C + 20);

        List<TelemetryBatch> b = run("0 over-budget r01-k01 factor=1.0\n10 fouled-cold-plate r01-k01-n03:2 factor=3", 300);
        double hottest = 0;
        for (int t = 0; t <= 300; t++) {
            GpuReading fouled = gpu(b.get(t), "r01-k01-n03", 2);
            hottest = Math.max(hottest, fouled.gpuTempC());
            assertThat(fouled.gpuTempC()).as("t=%d s", t).isLessThan(SimulatedGpu.SLOWDOWN_C + 3);
        }
        GpuReading fouled = gpu(b.get(300), "r01-k01-n03", 2);
        GpuReading neighbour = gpu(b.get(300), "r01-k01-n03", 1);
        System.out.printf("fouled x3: held at %.1f °C (hottest %.1f), %.0f W at %d MHz; neighbour %.1f °C, %.0f W at %d MHz%n",
                fouled.gpuTempC(), hottest, fouled.powerW(), fouled.smClockMhz(), neighbour.gpuTempC(), neighbour.powerW(),
                neighbour.smClockMhz());
        assertThat(fouled.gpuTempC()).as("held near the limit, not far below it").isGreaterThan(SimulatedGpu.GPU_MAX_C - 2);
        assertThat(fouled.powerW()).isLessThan(neighbour.powerW() * 0.8);
        assertThat(fouled.smClockMhz()).isLessThan(neighbour.smClockMhz());
        assertThat(fouled.clockEventReasons() & ClockEventReasons.SW_THERMAL_SLOWDOWN).isNotZero();
        assertThat(neighbour.thermallyThrottled()).isFalse();
        assertThat(gpu(b.get(9), "r01-k01-n03", 2).thermallyThrottled()).isFalse();
    }

    @Test
    void gpuDrivenPastItsShutdownTemperatureStopsReporting() {
        // a cold plate nearly off its GPU: even the lowest clocks overheat it
        List<TelemetryBatch> b = run("0 over-budget r01-k01 factor=1.0\n10 fouled-cold-plate r01-k01-n03:2 factor=10", 200);
        int lastReport = -1;
        boolean hardwareSlowdown = false;
        for (int t = 0; t <= 200; t++) {
            java.util.Optional<GpuReading> g = reported(b.get(t), "r01-k01-n03", 2);
            if (g.isPresent()) {
                assertThat(lastReport).as("reports again after shutting down, t=%d s", t).isEqualTo(t - 1);
                lastReport = t;
                assertThat(g.get().gpuTempC()).isLessThan(SimulatedGpu.SHUTDOWN_C);
                hardwareSlowdown |= (g.get().clockEventReasons() & ClockEventReasons.HW_THERMAL_SLOWDOWN) != 0;
            }
            assertThat(reported(b.get(t), "r01-k01-n03", 1)).as("its neighbours report on").isPresent();
        }
        System.out.printf("fouled x10: last reported at t=%d s, %.1f °C%n", lastReport,
                gpu(b.get(lastReport), "r01-k01-n03", 2).gpuTempC());
        assertThat(lastReport).isBetween(10, 199);
        assertThat(hardwareSlowdown).as("hardware slowdown before the shutdown").isTrue();
        assertThat(b.get(200).nodes().stream().filter(n -> n.node().equals("r01-k01-n03")).findFirst().orElseThrow().gpus())
                .hasSize(3);
    }

    @Test
    void scenarioTargetsMustExistInTheFleet() {
        String ok = "10 pump-failure r01-k02\n";
        assertThatThrownBy(() -> new FleetSimulator(LAYOUT, 1, FaultScenario.parse(ok + "20 leak r01-k03", "faults.txt")))
                .hasMessage("faults.txt line 2: leak target 'r01-k03' does not exist: the fleet has 2 racks,"
                        + " r01-k01 .. r01-k02 (2 a row; TW_SIM_RACKS, TW_SIM_RACKS_PER_ROW)");
        assertThatThrownBy(() -> new FleetSimulator(LAYOUT, 1, FaultScenario.parse(ok + "# c\n20 node-silent r01-k01-n19", "f")))
                .hasMessageStartingWith("f line 3: node-silent target 'r01-k01-n19' does not exist: racks have nodes n01 .. n18");
        assertThatThrownBy(() -> new FleetSimulator(LAYOUT, 1, FaultScenario.parse("5 stuck-sensor r01-k01-n01:4", "f")))
                .hasMessageStartingWith("f line 1: stuck-sensor target 'r01-k01-n01:4' does not exist: nodes have GPUs :0 .. :3");
        assertThatThrownBy(() -> new FleetSimulator(LAYOUT, 1, FaultScenario.parse("5 leak r02-k01", "f")))
                .hasMessageContaining("'r02-k01' does not exist");
        assertThatThrownBy(() -> FaultScenario.parse("5 node-silent r01-k01", "f"))
                .hasMessage("f line 1: node-silent needs a node target like r01-k02-n05, was 'r01-k01'");
        assertThat(new FleetSimulator(LAYOUT, 1, FaultScenario.parse(ok + "5 stuck-sensor r01-k02-n18:3", "f")).layout())
                .isEqualTo(LAYOUT);
    }

    @Test
    void leakTripsADetectorAndDrainsTheLoop() {
        List<TelemetryBatch> b = run("20 leak r01-k01", 60);
        assertThat(loop(b.get(19), "r01-k01").leaking()).isFalse();
        assertThat(loop(b.get(20), "r01-k01").leaking()).isTrue();
        assertThat(loop(b.get(60), "r01-k01").coolantLevelPct()).isLessThan(loop(b.get(20), "r01-k01").coolantLevelPct());
        assertThat(loop(b.get(60), "r01-k02").leaking()).isFalse();
    }

    @Test
    void silentNodeStopsReportingForItsDuration() {
        List<TelemetryBatch> b = run("10 node-silent r01-k01-n05 for=20", 40);
        Function<TelemetryBatch, Boolean> reports = x -> x.nodes().stream().map(NodeSample::node).anyMatch("r01-k01-n05"::equals);
        assertThat(reports.apply(b.get(9))).isTrue();
        assertThat(reports.apply(b.get(10))).isFalse();
        assertThat(reports.apply(b.get(29))).isFalse();
        assertThat(reports.apply(b.get(30))).isTrue();
        assertThat(b.get(15).nodes()).hasSize(2 * 18 - 1);
    }

    @Test
    void stuckSensorRepeatsItsLastReading() {
        List<TelemetryBatch> b = run("5 stuck-sensor r01-k01-n01:0\n5 over-budget r01-k01", 40);
        double stuckAt = gpu(b.get(5), "r01-k01-n01", 0).gpuTempC();
        for (int t = 5; t <= 40; t++) {
            assertThat(gpu(b.get(t), "r01-k01-n01", 0).gpuTempC()).isEqualTo(stuckAt);
        }
        assertThat(gpu(b.get(40), "r01-k01-n01", 1).gpuTempC()).isNotEqualTo(gpu(b.get(5), "r01-k01-n01", 1).gpuTempC());
    }

    @Test
    void overBudgetRackRunsFlatOutAbovePowerLimit() {
        List<TelemetryBatch> b = run("10 over-budget r01-k02 factor=1.25", 20);
        double normalMax = 72 * SimulatedGpu.LIMIT_W / 1000;
        double rackKw = b.get(15).nodes().stream().filter(n -> n.rack().equals("r01-k02"))
                .mapToDouble(NodeSample::totalPowerW).sum() / 1000;
        assertThat(rackKw).isGreaterThan(normalMax);
    }

    @Test
    void sameSeedAndScenarioGiveTheSameRun() {
        String scenario = "5 pump-failure r01-k01\n7 fouled-cold-plate r01-k02-n02:1";
        assertThat(run(scenario, 20)).isEqualTo(run(scenario, 20));
    }

    @Test
    void scenarioErrorsNameTheLine() {
        assertThatThrownBy(() -> FaultScenario.parse("# ok\n10 pump-failure r01-k01\n20 meteor r01-k01\n", "faults.txt"))
                .hasMessage("faults.txt line 3: unknown fault 'meteor'");
        assertThatThrownBy(() -> FaultScenario.parse("10 stuck-sensor r01-k01-n01", "f"))
                .hasMessageContaining("needs a GPU target");
        assertThatThrownBy(() -> FaultScenario.parse("x leak r01", "f")).hasMessageContaining("at must be a number");
    }
}
