package io.thermalwatch.api.rack;

import io.micronaut.serde.annotation.Serdeable;
import io.thermalwatch.model.RackAggregate;

/**
 * A rack's latest closed window as the API serves it: the wire aggregate's figures (coverage,
 * throttling, the lowest slowdown margin, budget, coolant and heat balance among them; absent
 * where unknown) plus whether it is stale. Units as in {@link RackAggregate}.
 *
 * @param stale true when the window ended more than {@code thermalwatch.api.stale-after} ago:
 *              the rack has stopped reporting, or the pipeline is behind
 */
@Serdeable
public record RackView(
        String site,
        String hall,
        String row,
        String rack,
        long windowStartMs,
        long windowEndMs,
        int nodesReporting,
        int gpusReporting,
        long samples,
        double totalPowerW,
        double meanGpuTempC,
        double maxGpuTempC,
        Double maxHbmTempC,
        int thermalThrottledGpus,
        Integer expectedNodes,
        Integer expectedGpus,
        Integer powerCappedGpus,
        Integer powerBrakedGpus,
        Margin minSlowdownMargin,
        Double powerBudgetKw,
        Double powerBudgetPct,
        Double supplyTempC,
        Double returnTempC,
        Double deltaTempC,
        Double flowLpm,
        Double heatRemovedKw,
        Double captureRatio,
        boolean stale) {

    /** The GPU closest to its own slowdown temperature in the window; °C. */
    @Serdeable
    public record Margin(double marginC, String node, int gpu) {
    }

    public static RackView of(RackAggregate a, boolean stale) {
        RackAggregate.Margin m = a.minSlowdownMargin();
        return new RackView(a.site(), a.hall(), a.row(), a.rack(), a.windowStartMs(), a.windowEndMs(),
                a.nodesReporting(), a.gpusReporting(), a.samples(), a.totalPowerW(), a.meanGpuTempC(),
                a.maxGpuTempC(), a.maxHbmTempC(), a.thermalThrottledGpus(), a.expectedNodes(), a.expectedGpus(),
                a.powerCappedGpus(), a.powerBrakedGpus(), m == null ? null : new Margin(m.marginC(), m.node(), m.gpu()),
                a.powerBudgetKw(), a.powerBudgetPct(), a.supplyTempC(), a.returnTempC(), a.deltaTempC(), a.flowLpm(),
                a.heatRemovedKw(), a.captureRatio(), stale);
    }
}
