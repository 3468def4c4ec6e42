package io.thermalwatch.sink.measurement;

import io.thermalwatch.model.CoolantSample;
import io.thermalwatch.model.CoolantSampleJson;
import io.thermalwatch.model.LeakDetectorReading;
import io.thermalwatch.model.PumpReading;
import io.thermalwatch.model.Topics;
import io.thermalwatch.sink.line.LineBuilder;

/**
 * Coolant samples: one point per loop reading in measurement {@value #MEASUREMENT}, at
 * {@code eventMs}; tags site, hall, row, rack and <b>loop</b>: a rack may have several loops (CDUs),
 * and without the tag two loops' readings at the same millisecond would be one point, the later
 * overwriting the other (a loop is ~1 series per rack, so it costs ~1,000 series in a 72,000-GPU hall).
 * Pumps and leak detectors are summarised: {@code pumps}, {@code minPumpSpeedPct},
 * {@code leakDetectors}, {@code leakingDetectors}.
 */
public final class CoolantLines implements LineEncoder {

    public static final String MEASUREMENT = "coolant";

    @Override
    public String topic() {
        return Topics.COOLANT_SAMPLES;
    }

    @Override
    public Retention retention() {
        return Retention.RAW;
    }

    @Override
    public void append(byte[] value, long recordTimestampMs, LineBuilder lines) {
        CoolantSample c = CoolantSampleJson.read(value);
        Double minPumpSpeed = null;
        for (PumpReading p : c.pumps()) {
            if (p.speedPct() != null && (minPumpSpeed == null || p.speedPct() < minPumpSpeed)) {
                minPumpSpeed = p.speedPct();
            }
        }
        int leaking = 0;
        for (LeakDetectorReading d : c.leakDetectors()) {
            leaking += d.leaking() ? 1 : 0;
        }
        lines.measurement(MEASUREMENT)
                .tag("hall", c.hall()).tag("loop", c.loop()).tag("rack", c.rack()).tag("row", c.row()).tag("site", c.site())
                .field("supplyTempC", c.supplyTempC())
                .field("returnTempC", c.returnTempC())
                .field("deltaTempC", c.deltaTempC())
                .field("flowLpm", c.flowLpm())
                .field("supplyPressureKpa", c.supplyPressureKpa())
                .field("returnPressureKpa", c.returnPressureKpa())
                .field("diffPressureKpa", c.diffPressureKpa())
                .field("heatRemovedKw", c.heatRemovedKw())
                .field("rackPowerKw", c.rackPowerKw())
                .field("coolantLevelPct", c.coolantLevelPct())
                .integer("pumps", (long) c.pumps().size())
                .field("minPumpSpeedPct", minPumpSpeed)
                .integer("leakDetectors", (long) c.leakDetectors().size())
                .integer("leakingDetectors", (long) leaking)
                .string("health", c.health())
                .string("source", c.source())
                .end(c.eventMs());
    }
}
