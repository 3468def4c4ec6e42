package io.thermalwatch.sink.measurement;

import io.thermalwatch.model.RackAggregate;
import io.thermalwatch.model.RackAggregateJson;
import io.thermalwatch.model.Topics;
import io.thermalwatch.sink.line.LineBuilder;

/**
 * Rack aggregates: one point per closed window in measurement {@value #MEASUREMENT}, stamped with
 * the window's <b>start</b> (as InfluxQL's {@code GROUP BY time()} labels its buckets); tags site,
 * hall, row, rack; every field of the wire record under its wire name, {@code windowMs} for its
 * length, the lowest slowdown margin as {@code minSlowdownMarginC}, {@code ...Node}, {@code ...Gpu}.
 */
public final class RackLines implements LineEncoder {

    public static final String MEASUREMENT = "rack";

    @Override
    public String topic() {
        return Topics.RACK_AGGREGATES;
    }

    @Override
    public Retention retention() {
        return Retention.RAW;
    }

    @Override
    public void append(byte[] value, long recordTimestampMs, LineBuilder lines) {
        RackAggregate a = RackAggregateJson.read(value);
        lines.measurement(MEASUREMENT)
                .tag("hall", a.hall()).tag("rack", a.rack()).tag("row", a.row()).tag("site", a.site())
                .integer("windowMs", a.windowEndMs() - a.windowStartMs())
                .integer("nodesReporting", (long) a.nodesReporting())
                .integer("gpusReporting", (long) a.gpusReporting())
                .integer("samples", a.samples())
                .field("totalPowerW", a.totalPowerW())
                .field("meanGpuTempC", a.meanGpuTempC())
                .field("maxGpuTempC", a.maxGpuTempC())
                .field("maxHbmTempC", a.maxHbmTempC())
                .integer("thermalThrottledGpus", (long) a.thermalThrottledGpus())
                .integer("expectedNodes", a.expectedNodes())
                .integer("expectedGpus", a.expectedGpus())
                .integer("powerCappedGpus", a.powerCappedGpus())
                .integer("powerBrakedGpus", a.powerBrakedGpus())
                .field("powerBudgetKw", a.powerBudgetKw())
                .field("powerBudgetPct", a.powerBudgetPct())
                .field("supplyTempC", a.supplyTempC())
                .field("returnTempC", a.returnTempC())
                .field("deltaTempC", a.deltaTempC())
                .field("flowLpm", a.flowLpm())
                .field("heatRemovedKw", a.heatRemovedKw())
                .field("captureRatio", a.captureRatio());
        if (a.minSlowdownMargin() != null) {
            lines.field("minSlowdownMarginC", a.minSlowdownMargin().marginC())
                    .string("minSlowdownMarginNode", a.minSlowdownMargin().node())
                    .integer("minSlowdownMarginGpu", (long) a.minSlowdownMargin().gpu());
        }
        lines.end(a.windowStartMs());
    }
}
