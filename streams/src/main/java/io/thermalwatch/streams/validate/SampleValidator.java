package io.thermalwatch.streams.validate;

import io.thermalwatch.model.CoolantSampleJson;
import io.thermalwatch.model.InvalidTelemetryException;
import io.thermalwatch.model.NodeSampleJson;
import io.thermalwatch.model.RejectReason;
import io.thermalwatch.streams.TopologySettings;
import io.thermalwatch.streams.rackstate.RackInput;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Parses and checks each raw node or coolant sample, and works out the time that places an
 * accepted sample in a rack window: {@code min(eventMs, arrivalMs)}, where {@code arrivalMs} is the
 * record's timestamp, which the broker sets when it appends the record (the app creates both
 * sample topics with {@code message.timestamp.type=LogAppendTime} and refuses them without it).
 *
 * <p>Why: a rack's event time (the largest window time seen for it) decides when its windows close
 * and which samples are late. With raw event time, one node whose clock runs 30 s fast pushed it
 * 30 s ahead and every other node's on-time sample was late for ~25 s. With window time capped at
 * arrival, a rack's event time never passes the arrival time of the records read so far, and
 * records are read in arrival order, so a sample from a correct clock is late only if it reached
 * Kafka more than {@code grace} after its window ended, whatever other clocks say, live or while
 * the app catches up on a backlog. A fast sender's samples land in the window of their arrival
 * (counted, and reported at WARN by {@link FutureSampleReport}); one more than
 * {@code maxFutureSkew} ahead of its arrival is dead-lettered {@code future-timestamp}.
 *
 * <p>Checks, in order: the JSON and the model's physical bounds; the key equals the rack (else a
 * rack could span partitions); the event time is at most {@code maxFutureSkew} ahead of arrival.
 * Whether the sample's window is still open is the rack's to judge (see
 * {@code RackStateProcessor}), since windows close per rack.
 */
public final class SampleValidator implements FixedKeyProcessor<String, byte[], Validated> {

    /** Reads one raw record into a rack input, or throws naming the bad field. */
    @FunctionalInterface
    public interface Reader {
        RackInput read(byte[] raw);
    }

    /** Node samples: {@link NodeSampleJson}. */
    public static final Reader NODE = raw -> new RackInput.Node(NodeSampleJson.read(raw), raw);
    /** Coolant loop samples: {@link CoolantSampleJson}. */
    public static final Reader COOLANT = raw -> new RackInput.Coolant(CoolantSampleJson.read(raw), raw);

    private final long maxFutureSkewMs;
    private final FutureSampleReport futureSamples;
    private final Reader reader;
    private FixedKeyProcessorContext<String, Validated> context;
    private Sensor retimedSensor;

    public SampleValidator(TopologySettings settings, FutureSampleReport futureSamples, Reader reader) {
        this.maxFutureSkewMs = settings.maxFutureSkew().toMillis();
        this.futureSamples = futureSamples;
        this.reader = reader;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Validated> context) {
        this.context = context;
        retimedSensor = FutureSampleReport.sensor(context.metrics());
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        // the timestamp stays the arrival at Kafka: the rack state windows at min(eventMs, arrival)
        // and measures silence on arrival times
        context.forward(record.withValue(validate(record.key(), record.value(), record.timestamp())));
    }

    private Validated validate(String key, byte[] value, long arrivalMs) {
        RackInput sample;
        try {
            sample = reader.read(value);
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
        if (aheadMs > 0) { // windowed at its arrival by the rack state: counted and reported here
            retimedSensor.record();
            futureSamples.retimed(sample, aheadMs);
        }
        return new Validated.Accepted(sample);
    }
}
