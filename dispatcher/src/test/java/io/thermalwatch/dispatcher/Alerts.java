package io.thermalwatch.dispatcher;

import io.thermalwatch.model.ThermalAlert;

/** Alert fixtures: named instants and small factories. */
public final class Alerts {

    /** 2026-11-28T03:00:00Z. */
    public static final long T0_MS = 1_795_834_800_000L;

    private Alerts() {
    }

    /** A firing GPU alert on {@code rack}, node {@code rack-n07}, GPU 2. */
    public static ThermalAlert gpu(String rule, String severity, String rack, long startsAtMs) {
        return new ThermalAlert(ThermalAlert.SCHEMA_VERSION, rule + "|" + rack + "|" + rack + "-n07|2", rule, severity,
                ThermalAlert.FIRING, "site1", "h1", "r01", rack, rack + "-n07", 2, null, 4.5, 8.0, startsAtMs, null,
                "GPU 2 of " + rack + "-n07 is 4.5 °C from slowdown", "The die nears its own slowdown temperature.",
                "https://runbooks.example/thermalwatch#" + rule);
    }

    /** A firing coolant-loop alert on {@code rack}, loop {@code loop-a}, no node or GPU. */
    public static ThermalAlert loop(String rule, String severity, String rack, long startsAtMs) {
        return new ThermalAlert(ThermalAlert.SCHEMA_VERSION, rule + "|" + rack + "|loop-a", rule, severity,
                ThermalAlert.FIRING, "site1", "h1", "r01", rack, null, null, "loop-a", 1.0, 1.0, startsAtMs, null,
                "leak detected in " + rack, null, null);
    }

    public static ThermalAlert resolved(ThermalAlert a, long endsAtMs) {
        return new ThermalAlert(a.schemaVersion(), a.id(), a.rule(), a.severity(), ThermalAlert.RESOLVED, a.site(), a.hall(),
                a.row(), a.rack(), a.node(), a.gpu(), a.loop(), a.value(), a.threshold(), a.startsAtMs(), endsAtMs,
                a.summary(), a.description(), a.runbookUrl());
    }

    public static ThermalAlert withSeverity(ThermalAlert a, String severity) {
        return new ThermalAlert(a.schemaVersion(), a.id(), a.rule(), severity, a.state(), a.site(), a.hall(),
                a.row(), a.rack(), a.node(), a.gpu(), a.loop(), a.value(), a.threshold(), a.startsAtMs(), a.endsAtMs(),
                a.summary(), a.description(), a.runbookUrl());
    }
}
