package io.thermalwatch.model;

/**
 * JSON form of {@link FleetRollup} (schema {@code schema/fleet-rollup.v1.schema.json}): Jackson data
 * binding on the record, as for the other low-rate records (a few rollups a minute per row and hall),
 * held to the rules of every wire record by {@link RecordJson}.
 */
public final class FleetRollupJson {

    private FleetRollupJson() {
    }

    /** @throws InvalidTelemetryException naming what is wrong */
    public static FleetRollup read(byte[] json) {
        return RecordJson.read(json, FleetRollup.class, "fleet rollup");
    }

    public static byte[] write(FleetRollup rollup) {
        return RecordJson.write(rollup);
    }
}
