package io.thermalwatch.streams.rollup;

import io.thermalwatch.model.FleetRollup;
import io.thermalwatch.model.RackAggregate;
import java.util.List;
import java.util.SortedMap;

/**
 * One row's or hall's rollup over one minute from its racks' windows, exactly as docs/schema.md
 * ("Fleet rollup") defines each figure: a rack counts with its mean over the windows it reported,
 * counts take the rack's most in any window, the rollup sums the racks. Racks are visited in id
 * order and each rack's windows in time order, so the same windows give the same bits whatever
 * order they arrived in.
 */
final class RollupCalculator {

    private RollupCalculator() {
    }

    /**
     * @param racks    each rack's windows of the minute, by rack id, each list in window-start order, none empty
     * @param minuteMs the rollup period, ms (windows are weighed against it for coverage)
     */
    static FleetRollup rollup(String level, String site, String hall, String row, long startMs, long minuteMs,
                              SortedMap<String, List<WindowFacts>> racks) {
        Sums s = new Sums();
        racks.forEach((rack, windows) -> s.add(rack, windows, minuteMs));
        Double captureRatio = s.heatRacks == 0 || s.powerWithHeatW <= 0 ? null
                : within(s.heatKw / (s.powerWithHeatW / 1000.0), RackAggregate.MAX_CAPTURE_RATIO);
        Double budgetPct = s.budgetRacks == 0 || s.budgetKw <= 0 ? null
                : within(s.powerWithBudgetW / 1000.0 / s.budgetKw * 100.0, FleetRollup.MAX_PCT);
        Double coverage = s.inventoryRacks == 0 ? null
                : within(s.gpuMs / ((double) s.expectedGpus * minuteMs) * 100.0, FleetRollup.MAX_PCT);
        return new FleetRollup(FleetRollup.SCHEMA_VERSION, level, site, hall, row, startMs, startMs + minuteMs,
                racks.size(), s.windows, s.inventoryRacks, s.nodes, s.gpus,
                s.inventoryRacks == 0 ? null : s.expectedNodes, s.inventoryRacks == 0 ? null : s.expectedGpus, coverage,
                s.powerW, s.heatRacks == 0 ? null : s.heatKw, captureRatio, s.budgetRacks == 0 ? null : s.budgetKw, budgetPct,
                s.maxGpuTempC, s.maxHbmTempC, s.marginC, s.marginRack, s.marginNode, s.marginC == null ? null : s.marginGpu,
                s.thermal, s.capped, s.braked, s.minSupplyC, s.maxReturnC);
    }

    /** A ratio beyond what the wire carries (a rack at almost no power) is left out, not a failed rollup. */
    private static Double within(double v, double max) {
        return v >= 0 && v <= max ? v : null;
    }

    /** The running sums over racks. */
    private static final class Sums {
        int windows;
        int inventoryRacks;
        int nodes;
        int gpus;
        int expectedNodes;
        int expectedGpus;
        double gpuMs;
        double powerW;
        int heatRacks;
        double heatKw;
        double powerWithHeatW;
        int budgetRacks;
        double budgetKw;
        double powerWithBudgetW;
        double maxGpuTempC = Double.NEGATIVE_INFINITY;
        Double maxHbmTempC;
        Double marginC;
        String marginRack;
        String marginNode;
        int marginGpu;
        int thermal;
        Integer capped;
        Integer braked;
        Double minSupplyC;
        Double maxReturnC;

        void add(String rack, List<WindowFacts> ws, long minuteMs) {
            windows += ws.size();
            int rackNodes = 0;
            int rackGpus = 0;
            int rackThermal = 0;
            Integer rackCapped = null;
            Integer rackBraked = null;
            double power = 0;
            double heat = 0;
            double powerAtHeat = 0;
            int heatWindows = 0;
            double gpuWindowMs = 0;
            for (WindowFacts w : ws) {
                rackNodes = Math.max(rackNodes, w.nodes());
                rackGpus = Math.max(rackGpus, w.gpus());
                rackThermal = Math.max(rackThermal, w.thermal());
                rackCapped = max(rackCapped, w.capped());
                rackBraked = max(rackBraked, w.braked());
                power += w.totalPowerW();
                if (w.heatRemovedKw() != null) {
                    heat += w.heatRemovedKw();
                    powerAtHeat += w.totalPowerW();
                    heatWindows++;
                }
                gpuWindowMs += (double) w.gpus() * Math.min(w.endMs() - w.startMs(), minuteMs);
                maxGpuTempC = Math.max(maxGpuTempC, w.maxGpuTempC());
                maxHbmTempC = max(maxHbmTempC, w.maxHbmTempC());
                minSupplyC = min(minSupplyC, w.supplyTempC());
                maxReturnC = max(maxReturnC, w.returnTempC());
                if (w.marginC() != null && lowerMargin(w.marginC(), rack, w.marginNode(), w.marginGpu())) {
                    marginC = w.marginC();
                    marginRack = rack;
                    marginNode = w.marginNode();
                    marginGpu = w.marginGpu();
                }
            }
            nodes += rackNodes;
            gpus += rackGpus;
            thermal += rackThermal;
            capped = sum(capped, rackCapped);
            braked = sum(braked, rackBraked);
            double meanPowerW = power / ws.size();
            powerW += meanPowerW;
            if (heatWindows > 0) {
                heatRacks++;
                heatKw += heat / heatWindows;
                powerWithHeatW += powerAtHeat / heatWindows;
            }
            WindowFacts last = ws.get(ws.size() - 1); // the rack's inventory as of its last window
            if (last.hasInventory()) {
                inventoryRacks++;
                expectedNodes += last.expectedNodes();
                expectedGpus += last.expectedGpus();
                gpuMs += gpuWindowMs;
            }
            if (last.powerBudgetKw() != null) {
                budgetRacks++;
                budgetKw += last.powerBudgetKw();
                powerWithBudgetW += meanPowerW;
            }
        }

        /** Lowest margin; ties go to the lowest rack id, node id, then GPU index. */
        private boolean lowerMargin(double c, String rack, String node, int gpu) {
            if (marginC == null || c < marginC) {
                return true;
            }
            if (c > marginC) {
                return false;
            }
            int byRack = rack.compareTo(marginRack);
            int byNode = byRack != 0 ? byRack : node.compareTo(marginNode);
            return byNode < 0 || byNode == 0 && gpu < marginGpu;
        }

        private static Integer max(Integer a, Integer b) {
            return a == null ? b : b == null ? a : Integer.valueOf(Math.max(a, b));
        }

        private static Double max(Double a, Double b) {
            return a == null ? b : b == null ? a : Double.valueOf(Math.max(a, b));
        }

        private static Double min(Double a, Double b) {
            return a == null ? b : b == null ? a : Double.valueOf(Math.min(a, b));
        }

        private static Integer sum(Integer a, Integer b) {
            return a == null ? b : b == null ? a : Integer.valueOf(a + b);
        }
    }
}
