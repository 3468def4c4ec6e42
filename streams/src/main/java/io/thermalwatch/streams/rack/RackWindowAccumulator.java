package io.thermalwatch.streams.rack;

import io.thermalwatch.model.GpuReading;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.RackAggregate;
import java.util.TreeMap;

/**
 * The running state of one rack's window: per node, its sample count, summed power (milliwatts,
 * so sums are exact) and which GPU indices reported or throttled; per rack, temperature sums and
 * maxima. Mutable: the window store hands a fresh copy to each update.
 */
public final class RackWindowAccumulator {

    /** One node's share of the window. */
    static final class NodeState {
        int samples;
        long powerSumMw;
        long gpuMask;
        long thermalMask;
    }

    String site;
    String hall;
    String row;
    final TreeMap<String, NodeState> nodes = new TreeMap<>();
    long samples;
    double tempSumC;
    long tempReadings;
    double maxTempC = Double.NEGATIVE_INFINITY;
    double maxHbmC = Double.NaN;

    /** Adds one validated sample (of this accumulator's rack). */
    public RackWindowAccumulator add(NodeSample sample) {
        if (site == null) {
            site = sample.site();
            hall = sample.hall();
            row = sample.row();
        }
        NodeState node = nodes.computeIfAbsent(sample.node(), n -> new NodeState());
        node.samples++;
        samples++;
        for (GpuReading gpu : sample.gpus()) {
            long bit = 1L << gpu.index();
            node.powerSumMw += Math.round(gpu.budgetPowerW() * 1000.0);
            node.gpuMask |= bit;
            if (gpu.thermallyThrottled()) {
                node.thermalMask |= bit;
            }
            tempSumC += gpu.gpuTempC();
            tempReadings++;
            maxTempC = Math.max(maxTempC, gpu.gpuTempC());
            if (gpu.hbmTempC() != null && !(gpu.hbmTempC() <= maxHbmC)) {
                maxHbmC = gpu.hbmTempC();
            }
        }
        return this;
    }

    /** The window's result; see {@link RackAggregate} for what each figure means. */
    public RackAggregate toAggregate(String rack, long windowStartMs, long windowEndMs) {
        double totalPowerW = 0;
        int gpus = 0;
        int throttled = 0;
        for (NodeState node : nodes.values()) {
            totalPowerW += (double) node.powerSumMw / node.samples / 1000.0;
            gpus += Long.bitCount(node.gpuMask);
            throttled += Long.bitCount(node.thermalMask);
        }
        return new RackAggregate(RackAggregate.SCHEMA_VERSION, site, hall, row, rack, windowStartMs, windowEndMs,
                nodes.size(), gpus, samples, totalPowerW, tempSumC / tempReadings, maxTempC,
                Double.isNaN(maxHbmC) ? null : maxHbmC, throttled);
    }
}
