package io.thermalwatch.streams.alert;

/** Alert states of one rack's window rules. */
public final class RackTrack {

    /** The rules evaluated when a rack's window closes, in a fixed order. */
    public enum Rule {
        POWER_BUDGET("rack-power-budget"),
        HEAT_BALANCE("rack-heat-balance"),
        COVERAGE_LOW("rack-coverage-low");

        private final String id;

        Rule(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    final AlertState[] states = new AlertState[Rule.values().length];

    public RackTrack() {
        for (int i = 0; i < states.length; i++) {
            states[i] = new AlertState();
        }
    }

    public AlertState state(Rule rule) {
        return states[rule.ordinal()];
    }

    /** Writes what must survive a restart: the alert states. */
    public void writeTo(java.io.DataOutput out) throws java.io.IOException {
        for (AlertState s : states) {
            s.writeTo(out);
        }
    }

    /** Reads what {@link #writeTo} wrote. */
    public void readFrom(java.io.DataInput in) throws java.io.IOException {
        for (AlertState s : states) {
            s.readFrom(in);
        }
    }
}
