package io.thermalwatch.model;

import static io.thermalwatch.model.Bounds.requireId;
import static io.thermalwatch.model.Bounds.requireRangeOrNull;
import static io.thermalwatch.model.Bounds.requireTempOrNull;

/**
 * What a rack is supposed to be: the unit of the compacted {@link Topics#INVENTORY} topic, keyed by
 * {@link #rack()}. The streams app compares what reports against it (coverage) and judges power and
 * coolant against its design (budget, flow, supply temperature). Racks missing from the inventory
 * are still monitored, without those rules.
 *
 * @param schemaVersion         {@value #SCHEMA_VERSION}
 * @param site                  site id
 * @param hall                  hall id
 * @param row                   row id
 * @param rack                  rack id
 * @param expectedNodes         compute nodes the rack holds (an NVL72: 18), 1..1000
 * @param expectedGpus          GPUs the rack holds (an NVL72: 72), 1..64000
 * @param powerBudgetKw         the rack's power budget, kW (0..10000), or null for none
 * @param coolantLoop           the id of the coolant loop (CDU secondary) cooling it, or null
 * @param designSupplyTempC     the loop's design supply temperature, °C, or null
 * @param designFlowLpm         the loop's design flow, litres per minute, or null
 * @param designDiffPressureKpa the loop's differential pressure at design flow, kPa, or null
 */
public record RackInventory(
        int schemaVersion,
        String site,
        String hall,
        String row,
        String rack,
        int expectedNodes,
        int expectedGpus,
        Double powerBudgetKw,
        String coolantLoop,
        Double designSupplyTempC,
        Double designFlowLpm,
        Double designDiffPressureKpa) {

    public static final int SCHEMA_VERSION = 1;

    public RackInventory {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new InvalidTelemetryException(RejectReason.UNSUPPORTED_VERSION,
                    "schemaVersion " + schemaVersion + " is not supported (this pipeline reads " + SCHEMA_VERSION + ")");
        }
        requireId("site", site);
        requireId("hall", hall);
        requireId("row", row);
        requireId("rack", rack);
        if (expectedNodes < 1 || expectedNodes > 1000) {
            throw new InvalidTelemetryException(RejectReason.OUT_OF_RANGE, "expectedNodes must be in 1..1000, was " + expectedNodes);
        }
        if (expectedGpus < 1 || expectedGpus > 64_000) {
            throw new InvalidTelemetryException(RejectReason.OUT_OF_RANGE, "expectedGpus must be in 1..64000, was " + expectedGpus);
        }
        requireRangeOrNull("powerBudgetKw", powerBudgetKw, 0.0, 10_000.0, "kW");
        if (coolantLoop != null) {
            requireId("coolantLoop", coolantLoop);
        }
        requireTempOrNull("designSupplyTempC", designSupplyTempC);
        requireRangeOrNull("designFlowLpm", designFlowLpm, 0.0, 100_000.0, "L/min");
        requireRangeOrNull("designDiffPressureKpa", designDiffPressureKpa, 0.0, 10_000.0, "kPa");
    }
}
