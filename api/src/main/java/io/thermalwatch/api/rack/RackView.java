package io.thermalwatch.api.rack;

import io.micronaut.serde.annotation.Serdeable;
import io.thermalwatch.model.RackAggregate;

/**
 * A rack's latest closed window as the API serves it: the wire aggregate's figures plus whether
 * it is stale. Units as in {@link RackAggregate}.
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
        boolean stale) {

    static RackView of(RackAggregate a, boolean stale) {
        return new RackView(a.site(), a.hall(), a.row(), a.rack(), a.windowStartMs(), a.windowEndMs(),
                a.nodesReporting(), a.gpusReporting(), a.samples(), a.totalPowerW(), a.meanGpuTempC(),
                a.maxGpuTempC(), a.maxHbmTempC(), a.thermalThrottledGpus(), stale);
    }
}
