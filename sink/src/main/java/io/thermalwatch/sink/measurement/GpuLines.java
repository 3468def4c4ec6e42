package io.thermalwatch.sink.measurement;

import io.thermalwatch.model.GpuReading;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.NodeSampleJson;
import io.thermalwatch.model.Topics;
import io.thermalwatch.sink.line.LineBuilder;

/**
 * Node samples: one point per GPU in measurement {@value #MEASUREMENT}, at the sample's
 * {@code eventMs}; tags site, hall, row, rack, node, gpu (index); every reading a field under its
 * wire name (units as in docs/schema.md), absent readings left out.
 */
public final class GpuLines implements LineEncoder {

    public static final String MEASUREMENT = "gpu";

    @Override
    public String topic() {
        return Topics.NODE_SAMPLES;
    }

    @Override
    public Retention retention() {
        return Retention.RAW;
    }

    @Override
    public void append(byte[] value, long recordTimestampMs, LineBuilder lines) {
        NodeSample s = NodeSampleJson.read(value);
        String nodeTags = LineBuilder.tagText("hall", s.hall(), "node", s.node(), "rack", s.rack(), "row", s.row(),
                "site", s.site());
        for (GpuReading g : s.gpus()) {
            lines.measurement(MEASUREMENT)
                    .tag("gpu", g.index()).tags(nodeTags)
                    .field("powerW", g.powerW())
                    .field("gpuTempC", g.gpuTempC())
                    .field("hbmTempC", g.hbmTempC())
                    .integer("smClockMhz", g.smClockMhz())
                    .integer("clockEventReasons", g.clockEventReasons())
                    .field("utilizationPct", g.utilizationPct())
                    .field("powerLimitW", g.powerLimitW())
                    .field("slowdownTempC", g.slowdownTempC())
                    .field("shutdownTempC", g.shutdownTempC())
                    .field("gpuMaxTempC", g.gpuMaxTempC())
                    .field("hbmMaxTempC", g.hbmMaxTempC())
                    .integer("energyMj", g.energyMj())
                    .field("modulePowerW", g.modulePowerW())
                    .string("uuid", g.uuid())
                    .string("model", g.model().isEmpty() ? null : g.model())
                    .end(s.eventMs());
        }
    }
}
