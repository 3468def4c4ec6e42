package io.thermalwatch.streams.validate;

import io.thermalwatch.model.RejectReason;
import io.thermalwatch.streams.rackstate.RackInput;

/** The outcome of validating one raw record: a sample for its rack, or a reason to dead-letter it. */
public sealed interface Validated {

    /**
     * A sample that passed every check.
     *
     * @param windowTimeMs the time, epoch ms, that places the sample in a window and moves its rack's
     *                     event time: its event time, or its arrival at Kafka when the sender's clock
     *                     runs ahead (see {@link SampleValidator})
     */
    record Accepted(RackInput input, long windowTimeMs) implements Validated {
    }

    /** A record that failed a check; {@code original} is its value, byte for byte. */
    record Rejected(RejectReason reason, String message, byte[] original) implements Validated {
    }
}
