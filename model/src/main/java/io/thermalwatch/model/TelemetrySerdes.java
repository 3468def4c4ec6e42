package io.thermalwatch.model;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serdes for the wire records. Deserializers throw {@link SerializationException} whose
 * message says which field was wrong; the streams app reads {@link Topics#NODE_SAMPLES} as bytes
 * and parses with {@link NodeSampleJson} itself, so that a bad record reaches the dead-letter
 * topic with its reason instead of failing the consumer.
 */
public final class TelemetrySerdes {

    private TelemetrySerdes() {
    }

    public static Serde<NodeSample> nodeSample() {
        Serializer<NodeSample> ser = (topic, sample) -> sample == null ? null : NodeSampleJson.write(sample);
        Deserializer<NodeSample> de = (topic, bytes) -> bytes == null ? null : decode(topic, () -> NodeSampleJson.read(bytes));
        return Serdes.serdeFrom(ser, de);
    }

    public static Serde<RackAggregate> rackAggregate() {
        Serializer<RackAggregate> ser = (topic, agg) -> agg == null ? null : RackAggregateJson.write(agg);
        Deserializer<RackAggregate> de = (topic, bytes) -> bytes == null ? null : decode(topic, () -> RackAggregateJson.read(bytes));
        return Serdes.serdeFrom(ser, de);
    }

    public static Serde<FleetRollup> fleetRollup() {
        Serializer<FleetRollup> ser = (topic, r) -> r == null ? null : FleetRollupJson.write(r);
        Deserializer<FleetRollup> de = (topic, bytes) -> bytes == null ? null : decode(topic, () -> FleetRollupJson.read(bytes));
        return Serdes.serdeFrom(ser, de);
    }

    private static <T> T decode(String topic, java.util.function.Supplier<T> reader) {
        try {
            return reader.get();
        } catch (InvalidTelemetryException e) {
            throw new SerializationException("bad record on " + topic + " (" + e.reason().code() + "): " + e.getMessage(), e);
        }
    }
}
