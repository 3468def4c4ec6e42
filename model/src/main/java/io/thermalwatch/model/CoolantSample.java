package io.thermalwatch.model;

import static io.thermalwatch.model.Bounds.requireId;
import static io.thermalwatch.model.Bounds.requireRangeOrNull;
import static io.thermalwatch.model.Bounds.requireTempOrNull;

import java.util.List;

/**
 * One rack coolant loop (the secondary side of a CDU) at one reading: the unit of
 * {@link Topics#COOLANT_SAMPLES}, keyed by {@link #rack()}. Every reading is nullable: sources
 * report different subsets, and a missing or bad-quality point is null, never zero.
 *
 * @param schemaVersion         {@value #SCHEMA_VERSION}
 * @param eventMs               when the readings were taken, epoch ms
 * @param site                  site id
 * @param hall                  hall id
 * @param row                   row id
 * @param rack                  rack id the loop cools
 * @param loop                  loop or CDU id, unique within the rack
 * @param source                where it came from: {@code redfish}, {@code bms-mqtt}, {@code simulator}
 * @param supplyTempC           coolant supply temperature into the rack, °C
 * @param returnTempC           coolant return temperature out of the rack, °C
 * @param deltaTempC            return minus supply, °C (computed when the source gives only both ends)
 * @param flowLpm               coolant flow, litres per minute
 * @param supplyPressureKpa     supply pressure, kPa
 * @param returnPressureKpa     return pressure, kPa
 * @param diffPressureKpa       differential pressure across the rack, kPa
 * @param heatRemovedKw         heat the loop removes, kW, when the source reports it
 * @param rackPowerKw           the rack's electrical power, kW, when the source reports it (BMS)
 * @param coolantLevelPct       reservoir level, percent, or null
 * @param health                the CDU's own health rollup ({@code OK}/{@code Warning}/{@code Critical}), or null
 * @param pumps                 the loop's pumps (may be empty)
 * @param leakDetectors         the loop's leak detectors (may be empty)
 */
public record CoolantSample(
        int schemaVersion,
        long eventMs,
        String site,
        String hall,
        String row,
        String rack,
        String loop,
        String source,
        Double supplyTempC,
        Double returnTempC,
        Double deltaTempC,
        Double flowLpm,
        Double supplyPressureKpa,
        Double returnPressureKpa,
        Double diffPressureKpa,
        Double heatRemovedKw,
        Double rackPowerKw,
        Double coolantLevelPct,
        String health,
        List<PumpReading> pumps,
        List<LeakDetectorReading> leakDetectors) {

    public static final int SCHEMA_VERSION = 1;
    static final double MAX_FLOW_LPM = 100_000;
    private static final double MIN_KPA = -101.325;
    private static final double MAX_KPA = 10_000;

    public CoolantSample {
        Bounds.requireHeader(schemaVersion, SCHEMA_VERSION, eventMs, site, hall, row, rack);
        requireId("loop", loop);
        requireId("source", source);
        requireTempOrNull("supplyTempC", supplyTempC);
        requireTempOrNull("returnTempC", returnTempC);
        requireRangeOrNull("deltaTempC", deltaTempC, -190.0, 190.0, "°C");
        requireRangeOrNull("flowLpm", flowLpm, 0.0, MAX_FLOW_LPM, "L/min");
        requireRangeOrNull("supplyPressureKpa", supplyPressureKpa, MIN_KPA, MAX_KPA, "kPa");
        requireRangeOrNull("returnPressureKpa", returnPressureKpa, MIN_KPA, MAX_KPA, "kPa");
        requireRangeOrNull("diffPressureKpa", diffPressureKpa, -MAX_KPA, MAX_KPA, "kPa");
        requireRangeOrNull("heatRemovedKw", heatRemovedKw, 0.0, 100_000.0, "kW");
        requireRangeOrNull("rackPowerKw", rackPowerKw, 0.0, 100_000.0, "kW");
        requireRangeOrNull("coolantLevelPct", coolantLevelPct, 0.0, 100.0, "%");
        if (deltaTempC == null && supplyTempC != null && returnTempC != null) {
            deltaTempC = Math.round((returnTempC - supplyTempC) * 1000.0) / 1000.0;
        }
        Bounds.requireTextOrNull("health", health);
        pumps = pumps == null ? List.of() : List.copyOf(pumps);
        leakDetectors = leakDetectors == null ? List.of() : List.copyOf(leakDetectors);
    }

    /** Whether any leak detector reports liquid. */
    public boolean leaking() {
        return leakDetectors.stream().anyMatch(LeakDetectorReading::leaking);
    }
}
