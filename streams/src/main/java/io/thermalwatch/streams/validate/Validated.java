package io.thermalwatch.streams.validate;

import io.thermalwatch.model.RejectReason;
import io.thermalwatch.streams.rackstate.RackInput;

/** The outcome of validating one raw record: a sample for its rack, or a reason to dead-letter it. */
public sealed interface Validated {

    /**
     * A sample that passed every check; its record keeps its arrival at Kafka as timestamp, and the
     * rack state windows it at {@code min(eventMs, arrival)} (see {@link SampleValidator}).
     */
    record Accepted(RackInput input) implements Validated {
    }

    /** A record that failed a check; {@code original} is its value, byte for byte. */
    record Rejected(RejectReason reason, String message, byte[] original) implements Validated {
    }
}
