package io.thermalwatch.collector.sim;

import io.thermalwatch.collector.TelemetryBatch;
import io.thermalwatch.collector.TelemetrySource;
import io.thermalwatch.model.CoolantSample;
import io.thermalwatch.model.GpuReading;
import io.thermalwatch.model.LeakDetectorReading;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.PumpReading;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A simulated fleet of liquid-cooled racks. Each node runs a job whose load changes at random (on
 * average once a minute, idle a third of the time); its GPUs' power follows the load with a few
 * percent of noise; each rack's coolant loop carries the heat (ΔT from flow and c_p) and every
 * GPU's temperature follows its power above the coolant (calibrated on a real H100). A GPU too hot
 * slows down and, past its shutdown temperature, shuts down ({@link SimulatedGpu}). A
 * {@link FaultScenario} plays pump failures, fouled cold plates, leaks, silent nodes, stuck
 * sensors and over-budget racks. The output depends only on the seed, the scenario and the event
 * times asked for.
 */
public final class FleetSimulator implements TelemetrySource {

    private static final double MEAN_JOB_S = 60.0;
    /** CPUs, NICs, switches and fans: the rest of a rack's heat on top of its GPUs (reported as module power). */
    private static final double NON_GPU_HEAT_FACTOR = SimulatedGpu.MODULE_POWER_FACTOR;
    /**
     * The share of a rack's heat its liquid loop carries; the rest goes to the room air. 95 %: what
     * the rack-heat-balance rule expects of a direct-liquid-cooled rack.
     */
    static final double LIQUID_CAPTURE = 0.95;

    private final FleetLayout layout;
    private final FaultScenario scenario;
    private final SplittableRandom random;
    private final double[] nodeLoad;
    private final SimulatedGpu[][] gpus;
    private final CoolantLoop[] loops;
    /** Ids made once: formatting them every tick would dominate a large fleet's sampling cost. */
    private final String[] rowIds;
    private final String[] rackIds;
    private final String[] nodeIds;
    private final String[][] gpuIds;
    private long firstEventMs = -1;
    private long lastEventMs = -1;

    public FleetSimulator(FleetLayout layout, long seed) {
        this(layout, seed, FaultScenario.none());
    }

    /** @throws IllegalArgumentException if a fault's target is not in {@code layout}, naming its line */
    public FleetSimulator(FleetLayout layout, long seed, FaultScenario scenario) {
        scenario.checkTargets(layout);
        this.layout = layout;
        this.scenario = scenario;
        this.random = new SplittableRandom(seed);
        this.nodeLoad = new double[layout.nodes()];
        this.gpus = new SimulatedGpu[layout.nodes()][layout.gpusPerNode()];
        this.loops = new CoolantLoop[layout.racks()];
        this.rowIds = new String[layout.racks()];
        this.rackIds = new String[layout.racks()];
        this.nodeIds = new String[layout.nodes()];
        this.gpuIds = new String[layout.nodes()][layout.gpusPerNode()];
        for (int n = 0; n < layout.nodes(); n++) {
            nodeLoad[n] = drawLoad();
            nodeIds[n] = layout.nodeId(n / layout.nodesPerRack(), n % layout.nodesPerRack());
            for (int g = 0; g < layout.gpusPerNode(); g++) {
                gpus[n][g] = new SimulatedGpu(g, uuid(seed, n, g));
                gpuIds[n][g] = nodeIds[n] + ":" + g;
            }
        }
        for (int r = 0; r < layout.racks(); r++) {
            loops[r] = new CoolantLoop();
            rowIds[r] = layout.rowId(r);
            rackIds[r] = layout.rackId(r);
        }
    }

    public FleetLayout layout() {
        return layout;
    }

    @Override
    public String name() {
        return "simulator";
    }

    @Override
    public TelemetryBatch read(long eventMs) {
        if (firstEventMs < 0) {
            firstEventMs = eventMs;
        }
        double dtS = lastEventMs < 0 ? 0.0 : Math.max(0, eventMs - lastEventMs) / 1000.0;
        double elapsedS = (eventMs - firstEventMs) / 1000.0;
        lastEventMs = eventMs;
        List<NodeSample> samples = new ArrayList<>(layout.nodes());
        List<CoolantSample> coolant = new ArrayList<>(layout.racks());
        for (int rack = 0; rack < layout.racks(); rack++) {
            simulateRack(rack, eventMs, dtS, elapsedS, samples, coolant);
        }
        return new TelemetryBatch(samples, coolant);
    }

    private void simulateRack(int rack, long eventMs, double dtS, double elapsedS, List<NodeSample> samples,
                              List<CoolantSample> coolant) {
        String rackId = rackIds[rack];
        java.util.OptionalDouble overBudgetFault = scenario.active(Fault.Kind.OVER_BUDGET, rackId, elapsedS);
        boolean flatOut = overBudgetFault.isPresent();
        double overBudget = overBudgetFault.orElse(1.0);
        int first = rack * layout.nodesPerRack();
        double heatW = 0;
        for (int n = first; n < first + layout.nodesPerRack(); n++) {
            if (dtS > 0 && random.nextDouble() < dtS / MEAN_JOB_S) {
                nodeLoad[n] = drawLoad();
            }
            double load = flatOut ? 1.0 : nodeLoad[n];
            for (int g = 0; g < layout.gpusPerNode(); g++) {
                double noise = 1.0 + (load == 0 ? 0.02 : 0.03) * random.nextGaussian();
                double fouled = scenario.active(Fault.Kind.FOULED_COLD_PLATE, gpuIds[n][g], elapsedS).orElse(1.0);
                heatW += gpus[n][g].drawPower(load, Math.max(0.5, noise), overBudget, fouled, dtS);
            }
        }
        CoolantLoop loop = loops[rack];
        boolean pumpFailed = scenario.active(Fault.Kind.PUMP_FAILURE, rackId, elapsedS).isPresent();
        boolean leaking = scenario.active(Fault.Kind.LEAK, rackId, elapsedS).isPresent();
        double heatKw = heatW * NON_GPU_HEAT_FACTOR * LIQUID_CAPTURE / 1000.0;
        loop.step(heatKw, dtS, pumpFailed, leaking);

        for (int node = 0; node < layout.nodesPerRack(); node++) {
            int n = first + node;
            String nodeId = nodeIds[n];
            double load = flatOut ? 1.0 : nodeLoad[n];
            List<GpuReading> readings = new ArrayList<>(layout.gpusPerNode());
            for (int g = 0; g < layout.gpusPerNode(); g++) {
                boolean stuck = scenario.active(Fault.Kind.STUCK_SENSOR, gpuIds[n][g], elapsedS).isPresent();
                GpuReading reading = gpus[n][g].step(load, loop.plateC(), dtS, stuck, overBudget);
                if (reading != null) { // null: shut down, no longer reporting
                    readings.add(reading);
                }
            }
            if (!readings.isEmpty() && scenario.active(Fault.Kind.NODE_SILENT, nodeId, elapsedS).isEmpty()) {
                samples.add(new NodeSample(NodeSample.SCHEMA_VERSION, eventMs, layout.site(), layout.hall(),
                        rowIds[rack], rackId, nodeId, readings));
            }
        }
        coolant.add(new CoolantSample(CoolantSample.SCHEMA_VERSION, eventMs, layout.site(), layout.hall(),
                rowIds[rack], rackId, CoolantLoop.LOOP_ID, "simulator", round2(loop.supplyC()), round2(loop.returnC()),
                round2(loop.deltaC()), round2(loop.flowLpm()), round2(loop.supplyPressureKpa()),
                round2(loop.returnPressureKpa()), round2(loop.diffPressureKpa()), round2(heatKw), round2(heatW * NON_GPU_HEAT_FACTOR / 1000.0),
                round2(loop.levelPct()),
                pumpFailed || leaking ? "Critical" : "OK",
                List.of(new PumpReading("1", pumpFailed ? 100.0 : 55.0, "OK"),
                        new PumpReading("2", pumpFailed ? 0.0 : 55.0, pumpFailed ? "Critical" : "OK")),
                List.of(new LeakDetectorReading("tray-drip", leaking, leaking ? "Critical" : "OK"))));
    }

    private double drawLoad() {
        return random.nextDouble() < 1.0 / 3 ? 0.0 : 0.5 + 0.5 * random.nextDouble();
    }

    private static double round2(double v) {
        return Math.round(v * 100.0) / 100.0;
    }

    private static String uuid(long seed, int node, int gpu) {
        byte[] name = (seed + "/" + node + "/" + gpu).getBytes(StandardCharsets.UTF_8);
        return "GPU-" + UUID.nameUUIDFromBytes(name);
    }
}
