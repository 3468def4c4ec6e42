package io.thermalwatch.streams.alert;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** The alert states of one subject's rules, one per rule in its enum's order, written and read together. */
final class AlertStates {

    private final AlertState[] states;

    AlertStates(int rules) {
        states = new AlertState[rules];
        for (int i = 0; i < rules; i++) {
            states[i] = new AlertState();
        }
    }

    AlertState get(int rule) {
        return states[rule];
    }

    /** True when no rule is firing or pending. */
    boolean quiet() {
        for (AlertState s : states) {
            if (!s.idle()) {
                return false;
            }
        }
        return true;
    }

    void writeTo(DataOutput out) throws IOException {
        for (AlertState s : states) {
            s.writeTo(out);
        }
    }

    void writeCompact(DataOutput out, long baseMs) throws IOException {
        for (AlertState s : states) {
            s.writeCompact(out, baseMs);
        }
    }

    void readCompact(DataInput in, long baseMs) throws IOException {
        for (AlertState s : states) {
            s.readCompact(in, baseMs);
        }
    }

    void readFrom(DataInput in) throws IOException {
        for (AlertState s : states) {
            s.readFrom(in);
        }
    }
}
