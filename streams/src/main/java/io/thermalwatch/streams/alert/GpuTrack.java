package io.thermalwatch.streams.alert;

/**
 * What the GPU rules remember about one GPU between its samples: the smoothed temperature rise
 * (for the forecast), the latest temperature and power (for the peer comparison), the current
 * spell of an unchanged temperature reading (for the stuck-sensor rule) and each GPU rule's alert
 * state. Mutable; owned by the rack's state in one stream task.
 */
public final class GpuTrack {

    /** The rules evaluated per GPU, in a fixed order (their alert states live in an array). */
    public enum Rule {
        SLOWDOWN_MARGIN("gpu-slowdown-margin"),
        HBM_MARGIN("gpu-hbm-margin"),
        THERMAL_SLOWDOWN("gpu-thermal-slowdown"),
        SLOWDOWN_FORECAST("gpu-slowdown-forecast"),
        PEER_OUTLIER("gpu-peer-outlier"),
        SENSOR_STUCK("gpu-sensor-stuck");

        private final String id;

        Rule(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    private final AlertStates states = new AlertStates(Rule.values().length);
    double lastTempC = Double.NaN;
    double lastPowerW = Double.NaN;
    long lastMs;
    /** Smoothed temperature rise, °C per second. */
    double riseCPerS;
    /** Samples folded into {@link #riseCPerS}; the forecast waits for a few. */
    int riseSamples;
    /** The temperature reading of the current unchanged spell, °C; NaN before the first sample. */
    double frozenTempC = Double.NaN;
    /** When that reading was first seen, event time, epoch ms. */
    long frozenSinceMs;
    /** The lowest and highest power during that spell, watts. */
    double frozenMinW;
    double frozenMaxW;


    public AlertState state(Rule rule) {
        return states.get(rule.ordinal());
    }

    public double lastTempC() {
        return lastTempC;
    }

    public double lastPowerW() {
        return lastPowerW;
    }

    public double riseCPerS() {
        return riseCPerS;
    }

    /** True when no GPU rule is firing or pending: the track holds nothing that must survive a restart. */
    public boolean quiet() {
        return states.quiet();
    }

    /**
     * Writes what must survive a restart: the alert states, and the unchanged-reading spell (a
     * firing stuck-sensor alert rebuilt from a fresh spell would see no swing yet and resolve).
     */
    public void writeTo(java.io.DataOutput out) throws java.io.IOException {
        states.writeTo(out);
        out.writeDouble(frozenTempC);
        out.writeLong(frozenSinceMs);
        out.writeDouble(frozenMinW);
        out.writeDouble(frozenMaxW);
    }

    /** As {@link #writeTo}, with the alert states and times compact relative to {@code baseMs}. */
    public void writeCompact(java.io.DataOutput out, long baseMs) throws java.io.IOException {
        states.writeCompact(out, baseMs);
        out.writeDouble(frozenTempC);
        io.thermalwatch.streams.state.Varints.writeSigned(out, baseMs - frozenSinceMs);
        out.writeDouble(frozenMinW);
        out.writeDouble(frozenMaxW);
    }

    /** Reads what {@link #writeCompact} wrote with the same {@code baseMs}. */
    public void readCompact(java.io.DataInput in, long baseMs) throws java.io.IOException {
        states.readCompact(in, baseMs);
        frozenTempC = in.readDouble();
        frozenSinceMs = baseMs - io.thermalwatch.streams.state.Varints.readSigned(in);
        frozenMinW = in.readDouble();
        frozenMaxW = in.readDouble();
    }

    /**
     * Reads what {@link #writeTo} wrote; {@code withSpell} false reads the older form without the
     * spell (which then starts afresh).
     */
    public void readFrom(java.io.DataInput in, boolean withSpell) throws java.io.IOException {
        states.readFrom(in);
        if (!withSpell) {
            return;
        }
        frozenTempC = in.readDouble();
        frozenSinceMs = in.readLong();
        frozenMinW = in.readDouble();
        frozenMaxW = in.readDouble();
    }
}
