package io.thermalwatch.sink.measurement;

import io.thermalwatch.model.FleetRollup;
import io.thermalwatch.model.FleetRollupJson;
import io.thermalwatch.model.Topics;
import io.thermalwatch.sink.line.LineBuilder;

/**
 * Row and hall rollups: one point per (row or hall, minute) in measurement {@value #MEASUREMENT},
 * in the long-kept policy (they are 1-minute figures already), stamped with the minute's start; tags
 * site, hall, level ({@code row} or {@code hall}) and row (row rollups only); every figure of the
 * wire record under its wire name (watts, kW, °C, percent).
 */
public final class RollupLines implements LineEncoder {

    public static final String MEASUREMENT = "rollup";

    @Override
    public String topic() {
        return Topics.ROLLUPS;
    }

    @Override
    public Retention retention() {
        return Retention.DOWNSAMPLED;
    }

    @Override
    public void append(byte[] value, long recordTimestampMs, LineBuilder lines) {
        FleetRollup r = FleetRollupJson.read(value);
        lines.measurement(MEASUREMENT).tag("hall", r.hall()).tag("level", r.level());
        if (r.row() != null) {
            lines.tag("row", r.row());
        }
        lines.tag("site", r.site())
                .integer("windowMs", r.windowEndMs() - r.windowStartMs())
                .integer("racksReporting", (long) r.racksReporting())
                .integer("rackWindows", (long) r.rackWindows())
                .integer("racksWithInventory", (long) r.racksWithInventory())
                .integer("nodesReporting", (long) r.nodesReporting())
                .integer("gpusReporting", (long) r.gpusReporting())
                .integer("expectedNodes", r.expectedNodes())
                .integer("expectedGpus", r.expectedGpus())
                .field("coveragePct", r.coveragePct())
                .field("totalPowerW", r.totalPowerW())
                .field("heatRemovedKw", r.heatRemovedKw())
                .field("captureRatio", r.captureRatio())
                .field("powerBudgetKw", r.powerBudgetKw())
                .field("powerBudgetPct", r.powerBudgetPct())
                .field("maxGpuTempC", r.maxGpuTempC())
                .field("maxHbmTempC", r.maxHbmTempC())
                .field("minSlowdownMarginC", r.minSlowdownMarginC())
                .integer("thermalThrottledGpus", (long) r.thermalThrottledGpus())
                .integer("powerCappedGpus", r.powerCappedGpus())
                .integer("powerBrakedGpus", r.powerBrakedGpus())
                .field("minSupplyTempC", r.minSupplyTempC())
                .field("maxReturnTempC", r.maxReturnTempC());
        if (r.minSlowdownMarginRack() != null) {
            lines.string("minSlowdownMarginRack", r.minSlowdownMarginRack())
                    .string("minSlowdownMarginNode", r.minSlowdownMarginNode())
                    .integer("minSlowdownMarginGpu", r.minSlowdownMarginGpu());
        }
        lines.end(r.windowStartMs());
    }
}
