package io.thermalwatch.streams.alert;

/**
 * What the coolant rules remember about one loop: each rule's alert state and the loop's learned
 * hydraulic resistance (differential pressure ÷ flow², kPa per (L/min)²) for the pressure rule.
 */
public final class LoopTrack {

    /** The rules evaluated per coolant sample, in a fixed order. */
    public enum Rule {
        SUPPLY_TEMP("coolant-supply-temp"),
        FLOW_LOW("coolant-flow-low"),
        DP_ABNORMAL("coolant-dp-abnormal"),
        PUMP_FAILED("coolant-pump-failed"),
        LEAK("coolant-leak"),
        RESERVOIR_LOW("coolant-reservoir-low"),
        CDU_HEALTH("cdu-health");

        private final String id;

        Rule(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    private final AlertStates states = new AlertStates(Rule.values().length);
    /** Learned dp/flow² while healthy; NaN until learned. */
    double resistanceRef = Double.NaN;
    int resistanceSamples;


    public AlertState state(Rule rule) {
        return states.get(rule.ordinal());
    }

    /** Writes what must survive a restart: the alert states and the learned resistance. */
    public void writeTo(java.io.DataOutput out) throws java.io.IOException {
        states.writeTo(out);
        out.writeDouble(resistanceRef);
        out.writeInt(resistanceSamples);
    }

    /** As {@link #writeTo}, the alert states compact relative to {@code baseMs}. */
    public void writeCompact(java.io.DataOutput out, long baseMs) throws java.io.IOException {
        states.writeCompact(out, baseMs);
        out.writeDouble(resistanceRef);
        io.thermalwatch.streams.state.Varints.writeUnsigned(out, resistanceSamples);
    }

    /** Reads what {@link #writeCompact} wrote with the same {@code baseMs}. */
    public void readCompact(java.io.DataInput in, long baseMs) throws java.io.IOException {
        states.readCompact(in, baseMs);
        resistanceRef = in.readDouble();
        resistanceSamples = (int) io.thermalwatch.streams.state.Varints.readUnsigned(in);
    }

    /** Reads what {@link #writeTo} wrote. */
    public void readFrom(java.io.DataInput in) throws java.io.IOException {
        states.readFrom(in);
        resistanceRef = in.readDouble();
        resistanceSamples = in.readInt();
    }
}
