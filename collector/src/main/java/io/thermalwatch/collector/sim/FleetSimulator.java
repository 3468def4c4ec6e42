package io.thermalwatch.collector.sim;

import io.thermalwatch.collector.NodeSampleSource;
import io.thermalwatch.model.GpuReading;
import io.thermalwatch.model.NodeSample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A simulated fleet of racks. Each node runs a job whose load changes at random (on average once a
 * minute, idle a third of the time); its GPUs' power follows the load with a few percent of noise.
 * The output depends only on the seed and the sequence of event times asked for: the same seed and
 * ticks give the same samples, byte for byte.
 */
public final class FleetSimulator implements NodeSampleSource {

    private static final double MEAN_JOB_S = 60.0;

    private final FleetLayout layout;
    private final SplittableRandom random;
    private final double[] nodeLoad;
    private final SimulatedGpu[][] gpus;
    private long lastEventMs = -1;

    public FleetSimulator(FleetLayout layout, long seed) {
        this.layout = layout;
        this.random = new SplittableRandom(seed);
        this.nodeLoad = new double[layout.nodes()];
        this.gpus = new SimulatedGpu[layout.nodes()][layout.gpusPerNode()];
        for (int n = 0; n < layout.nodes(); n++) {
            nodeLoad[n] = drawLoad();
            for (int g = 0; g < layout.gpusPerNode(); g++) {
                gpus[n][g] = new SimulatedGpu(g, uuid(seed, n, g));
            }
        }
    }

    public FleetLayout layout() {
        return layout;
    }

    @Override
    public List<NodeSample> sample(long eventMs) {
        double dtS = lastEventMs < 0 ? 0.0 : Math.max(0, eventMs - lastEventMs) / 1000.0;
        lastEventMs = eventMs;
        List<NodeSample> samples = new ArrayList<>(layout.nodes());
        int n = 0;
        for (int rack = 0; rack < layout.racks(); rack++) {
            String row = layout.rowId(rack);
            String rackId = layout.rackId(rack);
            for (int node = 0; node < layout.nodesPerRack(); node++, n++) {
                if (dtS > 0 && random.nextDouble() < dtS / MEAN_JOB_S) {
                    nodeLoad[n] = drawLoad();
                }
                List<GpuReading> readings = new ArrayList<>(layout.gpusPerNode());
                for (SimulatedGpu gpu : gpus[n]) {
                    double noise = nodeLoad[n] == 0 ? 1.0 + 0.02 * random.nextGaussian() : 1.0 + 0.03 * random.nextGaussian();
                    readings.add(gpu.step(nodeLoad[n], Math.max(0.5, noise), dtS));
                }
                samples.add(new NodeSample(NodeSample.SCHEMA_VERSION, eventMs, layout.site(), layout.hall(), row,
                        rackId, layout.nodeId(rack, node), readings));
            }
        }
        return samples;
    }

    private double drawLoad() {
        return random.nextDouble() < 1.0 / 3 ? 0.0 : 0.5 + 0.5 * random.nextDouble();
    }

    private static String uuid(long seed, int node, int gpu) {
        byte[] name = (seed + "/" + node + "/" + gpu).getBytes(StandardCharsets.UTF_8);
        return "GPU-" + UUID.nameUUIDFromBytes(name);
    }
}
