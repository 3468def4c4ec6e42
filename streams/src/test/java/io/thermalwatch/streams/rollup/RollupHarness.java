package io.thermalwatch.streams.rollup;

import io.thermalwatch.model.FleetRollup;
import io.thermalwatch.model.RackAggregate;
import io.thermalwatch.model.TelemetrySerdes;
import io.thermalwatch.model.Topics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.test.TestRecord;

/** A {@link TopologyTestDriver} over {@link RollupTopology#addTo} fed from the rack-aggregates topic. */
final class RollupHarness implements AutoCloseable {

    /** Minute-aligned: 2026-09-21T14:14:00Z. */
    static final long M0 = 1_790_000_040_000L;
    static final long MINUTE = 60_000;
    static final Duration SILENCE = Duration.ofSeconds(30);

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, RackAggregate> aggregates;
    private final TestOutputTopic<String, FleetRollup> rollups;

    RollupHarness() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "rollup-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(topology(), props, java.time.Instant.ofEpochMilli(M0 + 3_600_000));
        aggregates = driver.createInputTopic(Topics.RACK_AGGREGATES, new StringSerializer(),
                TelemetrySerdes.rackAggregate().serializer());
        rollups = driver.createOutputTopic(Topics.ROLLUPS, new StringDeserializer(), TelemetrySerdes.fleetRollup().deserializer());
        driver.advanceWallClockTime(SILENCE); // past the start-up hold, in which no minute closes
    }

    static Topology topology() {
        return topology(SILENCE);
    }

    /** The rollup topology with {@code silence} as its start-up hold and the time a silent rack is waited for. */
    static Topology topology(Duration silence) {
        StreamsBuilder builder = new StreamsBuilder();
        RollupTopology.addTo(builder.stream(Topics.RACK_AGGREGATES,
                Consumed.with(Serdes.String(), TelemetrySerdes.rackAggregate()).withName("rack-aggregates-source")), silence);
        return builder.build();
    }

    /** Sends a rack window as the rack topology emits it: keyed by rack, stamped with its start. */
    void send(RackWindowBuilder window) {
        send(window.build());
    }

    void send(RackAggregate a) {
        aggregates.pipeInput(a.rack(), a, a.windowStartMs());
    }

    /**
     * Every rollup emitted since the last call, by {@code key@minute}, minute counted from {@link #M0}
     * (e.g. {@code ams1/h1/r01@0}); a (key, minute) emitted twice fails the test.
     */
    Map<String, FleetRollup> emitted() {
        Map<String, FleetRollup> byKey = new LinkedHashMap<>();
        for (TestRecord<String, FleetRollup> r : rollups.readRecordsToList()) {
            if (byKey.put(r.key() + "@" + (r.value().windowStartMs() - M0) / MINUTE, r.value()) != null) {
                throw new AssertionError("rollup " + r.key() + " emitted twice: " + r.value());
            }
            if (r.timestamp() != r.value().windowStartMs()) {
                throw new AssertionError("rollup record stamped " + r.timestamp() + ", not its minute's start");
            }
        }
        return byKey;
    }

    /** Moves the wall clock on (wall-clock punctuations run). */
    void advance(Duration d) {
        driver.advanceWallClockTime(d);
    }

    /** Bytes (keys and values) written to an output or internal topic so far, and how many records. */
    long[] written(String topic) {
        long[] sum = new long[2];
        driver.createOutputTopic(topic, new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer()).readRecordsToList().forEach(r -> {
                    sum[0] += (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
                    sum[1]++;
                });
        return sum;
    }

    java.util.Set<String> producedTopics() {
        return driver.producedTopicNames();
    }

    java.util.Set<String> storeNames() {
        return driver.getAllStateStores().keySet();
    }

    @Override
    public void close() {
        driver.close();
    }
}
