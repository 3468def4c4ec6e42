package io.thermalwatch.api.alert;

import io.thermalwatch.model.ThermalAlert;

/** Alert changes for tests: one GPU alert per id, named instants. */
final class Alerts {

    /** 2026-11-28T00:00:00Z. */
    static final long T0 = 1_795_824_000_000L;

    private Alerts() {
    }

    static ThermalAlert firing(String id, String rack, String severity, long startsAtMs) {
        return new ThermalAlert(1, id, "gpu-slowdown-margin", severity, ThermalAlert.FIRING, "ams1", "h1",
                rack.substring(0, 3), rack, rack + "-n07", 2, null, 6.5, "critical".equals(severity) ? 3.0 : 8.0,
                startsAtMs, null, "GPU 2 of " + rack + "-n07 is 6.5 °C from slowdown", null,
                "https://runbooks.example/thermalwatch#gpu-slowdown-margin");
    }

    static ThermalAlert resolved(String id, String rack, String severity, long startsAtMs, long endsAtMs) {
        return new ThermalAlert(1, id, "gpu-slowdown-margin", severity, ThermalAlert.RESOLVED, "ams1", "h1",
                rack.substring(0, 3), rack, rack + "-n07", 2, null, 12.0, null, startsAtMs, endsAtMs,
                "GPU 2 of " + rack + "-n07 is back to 12 °C from slowdown", null, null);
    }
}
