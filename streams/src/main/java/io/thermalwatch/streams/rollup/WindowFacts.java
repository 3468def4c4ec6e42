package io.thermalwatch.streams.rollup;

import io.thermalwatch.model.RackAggregate;

/**
 * What a rollup needs of one rack window: a slim copy of its {@link RackAggregate}, the value of the
 * rollup repartition topic and of the rollup store (about 150 bytes instead of ~700 of JSON). Optional
 * figures are null where the aggregate has none.
 *
 * @param site, hall, row, rack   the rack's location ids
 * @param startMs, endMs          the rack window, epoch ms
 * @param totalPowerW             mean rack power over the window, W
 * @param heatRemovedKw           heat its loops removed, kW, or null
 * @param nodes, gpus             nodes and GPUs reporting in the window
 * @param thermal                 thermally throttled GPUs
 * @param capped, braked          power-capped and power-braked GPUs, or null (not reported)
 * @param maxGpuTempC, maxHbmTempC highest GPU and HBM temperature, °C (HBM null if none)
 * @param marginC, marginNode, marginGpu the GPU closest to its slowdown temperature, or null, null, 0
 * @param expectedNodes, expectedGpus the inventory's counts, or null (rack not in the inventory)
 * @param powerBudgetKw           the inventory's power budget, kW, or null
 * @param supplyTempC, returnTempC coolant supply and return temperature, °C, or null
 */
record WindowFacts(String site, String hall, String row, String rack, long startMs, long endMs, double totalPowerW,
                   Double heatRemovedKw, int nodes, int gpus, int thermal, Integer capped, Integer braked,
                   double maxGpuTempC, Double maxHbmTempC, Double marginC, String marginNode, int marginGpu,
                   Integer expectedNodes, Integer expectedGpus, Double powerBudgetKw, Double supplyTempC,
                   Double returnTempC) {

    static WindowFacts of(RackAggregate a) {
        RackAggregate.Margin m = a.minSlowdownMargin();
        return new WindowFacts(a.site(), a.hall(), a.row(), a.rack(), a.windowStartMs(), a.windowEndMs(), a.totalPowerW(),
                a.heatRemovedKw(), a.nodesReporting(), a.gpusReporting(), a.thermalThrottledGpus(), a.powerCappedGpus(),
                a.powerBrakedGpus(), a.maxGpuTempC(), a.maxHbmTempC(), m == null ? null : m.marginC(),
                m == null ? null : m.node(), m == null ? 0 : m.gpu(), a.expectedNodes(), a.expectedGpus(),
                a.powerBudgetKw(), a.supplyTempC(), a.returnTempC());
    }

    /** Whether the rack's inventory counts came with this window. */
    boolean hasInventory() {
        return expectedNodes != null && expectedGpus != null;
    }
}
