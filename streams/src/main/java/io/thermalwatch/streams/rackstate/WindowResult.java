package io.thermalwatch.streams.rackstate;

import io.thermalwatch.model.RackInventory;

/**
 * A rack's closed window with everything the alert engine derives from it; the rack-aggregates
 * topic carries it. Power is module power where GPUs report it (Grace-Blackwell), board power
 * otherwise. NaN (or null) where unknown.
 *
 * @param expectedNodes / expectedGpus   from the inventory, or null
 * @param powerBudgetKw                  the inventory's budget, kW, or null
 * @param powerBudgetPct                 mean power ÷ the inventory's budget, percent, or NaN
 * @param minSlowdownMarginC             the lowest margin to its own slowdown temperature of any GPU, °C
 * @param heatRemovedKw                  heat the rack's coolant loops removed, kW
 * @param captureRatio                   heat removed ÷ electrical power (1.0 = all of it)
 */
public record WindowResult(String site, String hall, String row, String rack, long windowStartMs, long windowEndMs,
                           int nodesReporting, int gpusReporting, Integer expectedNodes, Integer expectedGpus,
                           long samples, double totalPowerW, double meanGpuTempC, double maxGpuTempC, double maxHbmTempC,
                           int thermalThrottledGpus, int powerCappedGpus, int powerBrakedGpus, double minSlowdownMarginC,
                           String minMarginNode, int minMarginGpu, Double powerBudgetKw, double powerBudgetPct, double supplyTempC,
                           double returnTempC, double flowLpm, double heatRemovedKw, double captureRatio) {

    static WindowResult of(RackState s, String rack, RackWindow w, long windowMs, RackInventory inventory) {
        double powerW = w.powerW();
        double supply = Double.NaN;
        double ret = Double.NaN;
        double flow = Double.NaN;
        if (w.loops.size() == 1) { // a rack's own loop; with several, only their heat adds up meaningfully
            LoopShare loop = w.loops.values().iterator().next();
            supply = loop.meanSupplyC();
            ret = loop.meanReturnC();
            flow = loop.meanFlowLpm();
        }
        double heat = w.heatRemovedKw();
        Double budget = inventory == null ? null : inventory.powerBudgetKw();
        return new WindowResult(s.site, s.hall, s.row, rack, w.startMs, w.startMs + windowMs, w.nodes.size(),
                w.gpus(n -> n.gpuMask), inventory == null ? null : inventory.expectedNodes(),
                inventory == null ? null : inventory.expectedGpus(), w.samples, powerW,
                w.tempReadings == 0 ? Double.NaN : w.tempSumC / w.tempReadings,
                w.tempReadings == 0 ? Double.NaN : w.maxTempC, w.maxHbmC, w.gpus(n -> n.thermalMask),
                w.gpus(n -> n.powerCapMask), w.gpus(n -> n.powerBrakeMask), w.minMarginC, w.minMarginNode, w.minMarginGpu, budget,
                budget == null || budget <= 0 ? Double.NaN : powerW / 1000.0 / budget * 100.0, supply, ret, flow, heat,
                powerW > 0 ? heat / (powerW / 1000.0) : Double.NaN);
    }
}
