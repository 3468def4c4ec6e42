package io.thermalwatch.streams.validate;

import io.thermalwatch.model.InvalidTelemetryException;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.NodeSampleJson;
import io.thermalwatch.model.RejectReason;
import io.thermalwatch.streams.TopologySettings;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Parses and checks each raw node-sample record. Accepted samples are forwarded with their event
 * time as the record timestamp (whatever timestamp the producer set), so windows are event-time.
 *
 * <p>Checks, in order: the JSON and the model's physical bounds ({@link NodeSampleJson}); the key
 * equals the rack (else a rack could span partitions); the event time is at most
 * {@code maxFutureSkew} ahead of the clock; and the sample's window is still open. The last
 * mirrors Kafka Streams' own rule (a window closes once stream time reaches end + grace) on the
 * same task's stream time, so a sample the window store would drop silently goes to the
 * dead-letter topic instead.
 */
public final class SampleValidator implements FixedKeyProcessor<String, byte[], Validated> {

    private final TopologySettings settings;
    private final long windowMs;
    private final long graceMs;
    private FixedKeyProcessorContext<String, Validated> context;
    private long observedStreamTimeMs = Long.MIN_VALUE;

    public SampleValidator(TopologySettings settings) {
        this.settings = settings;
        this.windowMs = settings.windowSize().toMillis();
        this.graceMs = settings.grace().toMillis();
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Validated> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        Validated outcome = validate(record.key(), record.value());
        if (outcome instanceof Validated.Accepted accepted) {
            long eventMs = accepted.sample().eventMs();
            observedStreamTimeMs = Math.max(observedStreamTimeMs, eventMs);
            context.forward(record.withValue(outcome).withTimestamp(eventMs));
        } else {
            context.forward(record.withValue(outcome));
        }
    }

    private Validated validate(String key, byte[] value) {
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
        long nowMs = settings.clock().millis();
        long aheadMs = sample.eventMs() - nowMs;
        if (aheadMs > settings.maxFutureSkew().toMillis()) {
            return new Validated.Rejected(RejectReason.FUTURE_TIMESTAMP,
                    "eventMs " + sample.eventMs() + " is " + aheadMs + " ms ahead of the clock (limit "
                            + settings.maxFutureSkew().toMillis() + " ms)", value);
        }
        long windowEndMs = sample.eventMs() - Math.floorMod(sample.eventMs(), windowMs) + windowMs;
        if (observedStreamTimeMs != Long.MIN_VALUE && windowEndMs + graceMs <= observedStreamTimeMs) {
            return new Validated.Rejected(RejectReason.LATE,
                    "eventMs " + sample.eventMs() + " falls in a window that closed at " + (windowEndMs + graceMs)
                            + " (stream time " + observedStreamTimeMs + ", grace " + graceMs + " ms)", value);
        }
        return new Validated.Accepted(sample);
    }
}
