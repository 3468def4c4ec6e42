package io.thermalwatch.streams.rackstate;

import io.thermalwatch.model.CoolantSample;
import io.thermalwatch.model.NodeSample;

/** A validated sample for a rack's state, with its original bytes (a late one is dead-lettered as it came). */
public sealed interface RackInput {

    String rack();

    long eventMs();

    byte[] raw();

    /** Who sent it, for log lines: a node id, or a rack's coolant loop. */
    String origin();

    record Node(NodeSample sample, byte[] raw) implements RackInput {
        public String rack() {
            return sample.rack();
        }

        public long eventMs() {
            return sample.eventMs();
        }

        public String origin() {
            return "node " + sample.node() + " (rack " + sample.rack() + ")";
        }
    }

    record Coolant(CoolantSample sample, byte[] raw) implements RackInput {
        public String rack() {
            return sample.rack();
        }

        public long eventMs() {
            return sample.eventMs();
        }

        public String origin() {
            return "coolant loop " + sample.loop() + " (rack " + sample.rack() + ", source " + sample.source() + ")";
        }
    }
}
