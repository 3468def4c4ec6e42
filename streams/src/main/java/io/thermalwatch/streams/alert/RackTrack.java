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

    private final AlertStates states = new AlertStates(Rule.values().length);


    public AlertState state(Rule rule) {
        return states.get(rule.ordinal());
    }

    /** Writes what must survive a restart: the alert states. */
    public void writeTo(java.io.DataOutput out) throws java.io.IOException {
        states.writeTo(out);
    }

    /** As {@link #writeTo}, compact relative to {@code baseMs}. */
    public void writeCompact(java.io.DataOutput out, long baseMs) throws java.io.IOException {
        states.writeCompact(out, baseMs);
    }

    /** Reads what {@link #writeCompact} wrote with the same {@code baseMs}. */
    public void readCompact(java.io.DataInput in, long baseMs) throws java.io.IOException {
        states.readCompact(in, baseMs);
    }

    /** Reads what {@link #writeTo} wrote. */
    public void readFrom(java.io.DataInput in) throws java.io.IOException {
        states.readFrom(in);
    }
}
