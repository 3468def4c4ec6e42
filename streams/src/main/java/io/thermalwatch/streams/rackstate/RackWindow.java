package io.thermalwatch.streams.rackstate;

import io.thermalwatch.model.ClockEventReasons;
import io.thermalwatch.model.CoolantSample;
import io.thermalwatch.model.GpuReading;
import io.thermalwatch.model.NodeSample;
import java.util.HashMap;
import java.util.Map;

/**
 * One rack's open tumbling window {@code [startMs, startMs + size)}: node shares, temperature
 * statistics, the GPU with the lowest margin to its own slowdown temperature, and coolant loop
 * readings. Sums are order-independent, so a restart that replays committed input gives the same
 * result. Mutable; owned by the rack's {@link RackState}.
 */
final class RackWindow {

    final long startMs;
    final Map<String, NodeShare> nodes = new HashMap<>();
    final Map<String, LoopShare> loops = new HashMap<>(2);
    long samples;
    double tempSumC;
    long tempReadings;
    double maxTempC = Double.NEGATIVE_INFINITY;
    double maxHbmC = Double.NaN;
    double minMarginC = Double.NaN;
    String minMarginNode;
    int minMarginGpu = -1;

    RackWindow(long startMs) {
        this.startMs = startMs;
    }

    void add(NodeSample sample) {
        NodeShare node = nodes.computeIfAbsent(sample.node(), n -> new NodeShare());
        node.samples++;
        samples++;
        for (GpuReading gpu : sample.gpus()) {
            long bit = 1L << gpu.index();
            node.powerSumMw += Math.round(gpu.budgetPowerW() * 1000.0);
            node.gpuMask |= bit;
            Long reasons = gpu.clockEventReasons();
            if (reasons != null) {
                if ((reasons & ClockEventReasons.THERMAL) != 0) {
                    node.thermalMask |= bit;
                }
                if ((reasons & ClockEventReasons.SW_POWER_CAP) != 0) {
                    node.powerCapMask |= bit;
                }
                if ((reasons & ClockEventReasons.HW_POWER_BRAKE_SLOWDOWN) != 0) {
                    node.powerBrakeMask |= bit;
                }
            }
            double temp = gpu.gpuTempC();
            tempSumC += temp;
            tempReadings++;
            maxTempC = Math.max(maxTempC, temp);
            if (gpu.hbmTempC() != null && !(gpu.hbmTempC() <= maxHbmC)) {
                maxHbmC = gpu.hbmTempC();
            }
            if (gpu.slowdownTempC() != null) {
                double margin = gpu.slowdownTempC() - temp;
                if (!(margin >= minMarginC) || margin == minMarginC && lowerId(sample.node(), gpu.index())) {
                    minMarginC = margin;
                    minMarginNode = sample.node();
                    minMarginGpu = gpu.index();
                }
            }
        }
    }

    /** Ties go to the lowest node id, then GPU index: the same answer whatever the arrival order. */
    private boolean lowerId(String node, int gpu) {
        int c = node.compareTo(minMarginNode);
        return c < 0 || c == 0 && gpu < minMarginGpu;
    }

    void add(CoolantSample sample) {
        Double delta = sample.deltaTempC();
        double heat = sample.heatRemovedKw() != null ? sample.heatRemovedKw()
                : HeatBalance.heatRemovedKw(sample.flowLpm(), delta);
        loops.computeIfAbsent(sample.loop(), l -> new LoopShare())
                .add(sample.supplyTempC(), sample.returnTempC(), sample.flowLpm(), heat);
    }

    /** Mean rack power over the window, watts: the sum over nodes of each node's mean power. */
    double powerW() {
        double w = 0;
        for (NodeShare n : nodes.values()) {
            w += (double) n.powerSumMw / n.samples / 1000.0;
        }
        return w;
    }

    int gpus(java.util.function.ToLongFunction<NodeShare> mask) {
        int count = 0;
        for (NodeShare n : nodes.values()) {
            count += Long.bitCount(mask.applyAsLong(n));
        }
        return count;
    }

    /** Heat removed by all of the rack's loops, kW; NaN when no loop reported enough to tell. */
    double heatRemovedKw() {
        double kw = 0;
        boolean any = false;
        for (LoopShare loop : loops.values()) {
            double h = loop.meanHeatKw();
            if (!Double.isNaN(h)) {
                kw += h;
                any = true;
            }
        }
        return any ? kw : Double.NaN;
    }
}
