package io.thermalwatch.streams.validate;

import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.RejectReason;

/** The outcome of validating one raw record: a sample to aggregate, or a reason to dead-letter it. */
public sealed interface Validated {

    /**
     * A sample that passed every check.
     *
     * @param windowTimeMs the time, epoch ms, that places the sample in a window and moves stream
     *                     time: its event time, or its arrival at Kafka when the node's clock runs
     *                     ahead (see {@link SampleValidator})
     */
    record Accepted(NodeSample sample, long windowTimeMs) implements Validated {
    }

    /** A record that failed a check; {@code original} is its value, byte for byte. */
    record Rejected(RejectReason reason, String message, byte[] original) implements Validated {
    }
}
