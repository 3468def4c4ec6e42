package io.thermalwatch.streams.it;

import io.thermalwatch.model.ClockEventReasons;
import io.thermalwatch.model.GpuReading;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.RackAggregate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rack window aggregates recomputed from the samples a test sent, written independently of the
 * app's accumulator: group by rack and window, then each figure as {@link RackAggregate} defines it.
 */
public final class RackRecomputation {

    /** Doubles equal up to summation order (a mean over the same readings added in another order). */
    public static final java.util.Comparator<Double> CLOSE =
            (a, b) -> Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)) ? 0 : Double.compare(a, b);

    private RackRecomputation() {
    }

    /** Key of one rack window: {@code rack@windowStartMs}. */
    public static String key(String rack, long windowStartMs) {
        return rack + "@" + windowStartMs;
    }

    /** Expected aggregates by {@link #key}, for windows of {@code windowMs} aligned to the epoch. */
    public static Map<String, RackAggregate> of(Collection<NodeSample> samples, long windowMs) {
        Map<String, List<NodeSample>> byWindow = new TreeMap<>();
        for (NodeSample s : samples) {
            byWindow.computeIfAbsent(key(s.rack(), s.eventMs() - s.eventMs() % windowMs), k -> new ArrayList<>()).add(s);
        }
        Map<String, RackAggregate> out = new TreeMap<>();
        byWindow.forEach((key, list) -> out.put(key, aggregate(list, windowMs)));
        return out;
    }

    private static RackAggregate aggregate(List<NodeSample> samples, long windowMs) {
        NodeSample first = samples.get(0);
        long start = first.eventMs() - first.eventMs() % windowMs;
        Map<String, List<NodeSample>> byNode = new HashMap<>();
        samples.forEach(s -> byNode.computeIfAbsent(s.node(), n -> new ArrayList<>()).add(s));
        double totalPowerW = 0;
        int gpus = 0;
        int throttled = 0;
        int capped = 0;
        int braked = 0;
        for (List<NodeSample> node : byNode.values()) {
            capped += distinctGpus(node, ClockEventReasons.SW_POWER_CAP);
            braked += distinctGpus(node, ClockEventReasons.HW_POWER_BRAKE_SLOWDOWN);
            totalPowerW += node.stream().mapToDouble(s -> s.gpus().stream().mapToDouble(GpuReading::budgetPowerW).sum())
                    .average().orElseThrow();
            gpus += (int) node.stream().flatMap(s -> s.gpus().stream()).mapToInt(GpuReading::index).distinct().count();
            throttled += (int) node.stream().flatMap(s -> s.gpus().stream()).filter(GpuReading::thermallyThrottled)
                    .mapToInt(GpuReading::index).distinct().count();
        }
        List<GpuReading> all = samples.stream().flatMap(s -> s.gpus().stream()).toList();
        Double maxHbm = all.stream().filter(g -> g.hbmTempC() != null).map(GpuReading::hbmTempC)
                .max(Double::compare).orElse(null);
        return new RackAggregate(RackAggregate.SCHEMA_VERSION, first.site(), first.hall(), first.row(), first.rack(),
                start, start + windowMs, byNode.size(), gpus, samples.size(), totalPowerW,
                all.stream().mapToDouble(GpuReading::gpuTempC).average().orElseThrow(),
                all.stream().mapToDouble(GpuReading::gpuTempC).max().orElseThrow(), maxHbm, throttled, null, null,
                capped, braked, lowestMargin(samples), null, null, null, null, null, null, null, null);
    }

    private static int distinctGpus(List<NodeSample> node, long reason) {
        return (int) node.stream().flatMap(s -> s.gpus().stream())
                .filter(g -> g.clockEventReasons() != null && (g.clockEventReasons() & reason) != 0)
                .mapToInt(GpuReading::index).distinct().count();
    }

    /** The reading with the lowest slowdown margin; ties to the lowest node id, then index. */
    private static RackAggregate.Margin lowestMargin(List<NodeSample> samples) {
        RackAggregate.Margin best = null;
        for (NodeSample s : samples) {
            for (GpuReading g : s.gpus()) {
                if (g.slowdownTempC() == null) {
                    continue;
                }
                RackAggregate.Margin m = new RackAggregate.Margin(g.slowdownTempC() - g.gpuTempC(), s.node(), g.index());
                if (best == null || m.marginC() < best.marginC() || m.marginC() == best.marginC()
                        && (m.node().compareTo(best.node()) < 0 || m.node().equals(best.node()) && m.gpu() < best.gpu())) {
                    best = m;
                }
            }
        }
        return best;
    }
}
