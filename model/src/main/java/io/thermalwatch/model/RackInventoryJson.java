package io.thermalwatch.model;

/** JSON form of {@link RackInventory} (schema {@code schema/rack-inventory.v1.schema.json}). */
public final class RackInventoryJson {

    private RackInventoryJson() {
    }

    /** @throws InvalidTelemetryException naming what is wrong */
    public static RackInventory read(byte[] json) {
        return RecordJson.read(json, RackInventory.class, "rack inventory entry");
    }

    public static byte[] write(RackInventory inventory) {
        return RecordJson.write(inventory);
    }
}
