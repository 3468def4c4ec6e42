package io.thermalwatch.streams.validate;

import io.thermalwatch.model.InvalidTelemetryException;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.NodeSampleJson;
import io.thermalwatch.model.RejectReason;
import io.thermalwatch.streams.TopologySettings;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Parses and checks each raw node-sample record, and gives each accepted sample the time that
 * places it in a rack window: {@code min(eventMs, arrivalMs)}, where {@code arrivalMs} is the
 * record's timestamp, which the broker sets when it appends the record (the app creates the topic
 * with {@code message.timestamp.type=LogAppendTime} and refuses one without it).
 *
 * <p>Why: stream time (the largest window time seen on a partition) decides when windows close
 * and which samples are late. With raw event time, one node whose clock runs 30 s fast pushed
 * stream time 30 s ahead and every other node's on-time sample on that partition was late for
 * ~25 s. With window time capped at arrival, stream time never passes the arrival time of the
 * records read so far, and records are read in arrival order, so a sample from a node with a
 * correct clock is late only if it reached Kafka more than {@code grace} after its window ended,
 * whatever other nodes' clocks say, live or while the app catches up on a backlog, for any
 * window, grace and skew settings. A fast node's samples land in the window of their arrival
 * (counted, and reported at WARN by {@link FutureSampleReport}); one more than
 * {@code maxFutureSkew} ahead of its arrival is dead-lettered {@code future-timestamp}.
 *
 * <p>Checks, in order: the JSON and the model's physical bounds ({@link NodeSampleJson}); the key
 * equals the rack (else a rack could span partitions); the event time is at most
 * {@code maxFutureSkew} ahead of arrival; and the sample's window is still open. The last mirrors
 * Kafka Streams' own rule (a window closes once stream time reaches end + grace) on the same
 * task's stream time, so a sample the window store would drop silently goes to the dead-letter
 * topic instead.
 */
public final class SampleValidator implements FixedKeyProcessor<String, byte[], Validated> {

    private final long windowMs;
    private final long graceMs;
    private final long maxFutureSkewMs;
    private final FutureSampleReport futureSamples;
    private FixedKeyProcessorContext<String, Validated> context;
    private Sensor retimedSensor;
    private long observedStreamTimeMs = Long.MIN_VALUE;

    public SampleValidator(TopologySettings settings, FutureSampleReport futureSamples) {
        this.windowMs = settings.windowSize().toMillis();
        this.graceMs = settings.grace().toMillis();
        this.maxFutureSkewMs = settings.maxFutureSkew().toMillis();
        this.futureSamples = futureSamples;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Validated> context) {
        this.context = context;
        retimedSensor = FutureSampleReport.sensor(context.metrics());
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        Validated outcome = validate(record.key(), record.value(), record.timestamp());
        if (outcome instanceof Validated.Accepted accepted) {
            observedStreamTimeMs = Math.max(observedStreamTimeMs, accepted.windowTimeMs());
            context.forward(record.withValue(outcome).withTimestamp(accepted.windowTimeMs()));
        } else {
            context.forward(record.withValue(outcome));
        }
    }

    private Validated validate(String key, byte[] value, long arrivalMs) {
        NodeSample sample;
        try {
            sample = NodeSampleJson.read(value);
        } catch (InvalidTelemetryException e) {
            return new Validated.Rejected(e.reason(), e.getMessage(), value);
        }
        if (!sample.rack().equals(key)) {
            return new Validated.Rejected(RejectReason.KEY_MISMATCH,
                    "record key " + (key == null ? "is missing" : "'" + key + "'") + " but the sample's rack is '"
                            + sample.rack() + "'; collectors must key samples by rack", value);
        }
        long aheadMs = sample.eventMs() - arrivalMs;
        if (aheadMs > maxFutureSkewMs) {
            return new Validated.Rejected(RejectReason.FUTURE_TIMESTAMP,
                    "eventMs " + sample.eventMs() + " is " + aheadMs + " ms ahead of its arrival at Kafka (limit "
                            + maxFutureSkewMs + " ms)", value);
        }
        long windowTimeMs = sample.eventMs();
        if (aheadMs > 0) {
            windowTimeMs = arrivalMs;
            retimedSensor.record();
            futureSamples.retimed(sample, aheadMs);
        }
        long windowEndMs = windowTimeMs - Math.floorMod(windowTimeMs, windowMs) + windowMs;
        if (observedStreamTimeMs != Long.MIN_VALUE && windowEndMs + graceMs <= observedStreamTimeMs) {
            return new Validated.Rejected(RejectReason.LATE,
                    "eventMs " + sample.eventMs() + " falls in a window that closed at " + (windowEndMs + graceMs)
                            + " (stream time " + observedStreamTimeMs + ", grace " + graceMs + " ms)", value);
        }
        return new Validated.Accepted(sample, windowTimeMs);
    }
}
