package io.thermalwatch.model;

/** JSON form of {@link ThermalAlert} (schema {@code schema/thermal-alert.v1.schema.json}). */
public final class ThermalAlertJson {

    private ThermalAlertJson() {
    }

    /** @throws InvalidTelemetryException naming what is wrong */
    public static ThermalAlert read(byte[] json) {
        return RecordJson.read(json, ThermalAlert.class, "thermal alert");
    }

    public static byte[] write(ThermalAlert alert) {
        return RecordJson.write(alert);
    }
}
