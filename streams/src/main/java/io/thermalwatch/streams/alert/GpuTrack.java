package io.thermalwatch.streams.alert;

/**
 * What the GPU rules remember about one GPU between its samples: the smoothed temperature rise
 * (for the forecast), the latest temperature and power (for the peer comparison) and each GPU
 * rule's alert state. Mutable; owned by the rack's state in one stream task.
 */
public final class GpuTrack {

    /** The rules evaluated per GPU, in a fixed order (their alert states live in an array). */
    public enum Rule {
        SLOWDOWN_MARGIN("gpu-slowdown-margin"),
        HBM_MARGIN("gpu-hbm-margin"),
        THERMAL_SLOWDOWN("gpu-thermal-slowdown"),
        SLOWDOWN_FORECAST("gpu-slowdown-forecast"),
        PEER_OUTLIER("gpu-peer-outlier");

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

    /** Writes what must survive a restart: the alert states. */
    public void writeTo(java.io.DataOutput out) throws java.io.IOException {
        states.writeTo(out);
    }

    /** Reads what {@link #writeTo} wrote. */
    public void readFrom(java.io.DataInput in) throws java.io.IOException {
        states.readFrom(in);
    }
}
