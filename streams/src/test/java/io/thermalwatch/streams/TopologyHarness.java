package io.thermalwatch.streams;

import io.thermalwatch.model.CoolantSample;
import io.thermalwatch.model.CoolantSampleJson;
import io.thermalwatch.model.GpuReading;
import io.thermalwatch.model.RackInventory;
import io.thermalwatch.model.RackInventoryJson;
import io.thermalwatch.model.ThermalAlert;
import io.thermalwatch.model.ThermalAlertJson;
import io.thermalwatch.streams.alert.RuleBook;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.NodeSampleJson;
import io.thermalwatch.model.RackAggregate;
import io.thermalwatch.model.TelemetrySerdes;
import io.thermalwatch.model.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** A {@link TopologyTestDriver} over {@link TelemetryTopology} with named instants and small factories. */
public final class TopologyHarness implements AutoCloseable {

    /** Window-aligned: 2026-09-21T14:13:20Z. */
    public static final long T0 = 1_790_000_000_000L;
    static final Duration WINDOW = Duration.ofSeconds(10);
    static final Duration GRACE = Duration.ofSeconds(5);
    public static final long GRACE_MS = GRACE.toMillis();
    static final Duration MAX_SKEW = Duration.ofMinutes(1);
    /** The processing clock: an hour after T0, so test samples are not "in the future". */
    public static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(T0 + 3_600_000), ZoneOffset.UTC);

    private final Clock clock;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> samples;
    private final TestOutputTopic<String, RackAggregate> aggregates;
    private final TestOutputTopic<String, byte[]> deadLetters;
    private final TestInputTopic<String, byte[]> coolant;
    private final TestInputTopic<String, byte[]> inventory;
    private final TestOutputTopic<String, byte[]> alerts;
    private final TestOutputTopic<String, io.thermalwatch.model.FleetRollup> rollups;

    public TopologyHarness() {
        this(CLOCK);
    }

    /** A harness whose processing clock is {@code clock} (move it with {@link #advanceWallClock} if a {@link TestClock}). */
    public TopologyHarness(Clock clock) {
        this.clock = clock;
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(TelemetryTopology.build(new TopologySettings(WINDOW, GRACE, MAX_SKEW,
                RuleBook.defaults(), clock)), props,
                clock.instant());
        samples = driver.createInputTopic(Topics.NODE_SAMPLES, new StringSerializer(), new ByteArraySerializer());
        coolant = driver.createInputTopic(Topics.COOLANT_SAMPLES, new StringSerializer(), new ByteArraySerializer());
        inventory = driver.createInputTopic(Topics.INVENTORY, new StringSerializer(), new ByteArraySerializer());
        alerts = driver.createOutputTopic(Topics.ALERTS, new StringDeserializer(), new ByteArrayDeserializer());
        rollups = driver.createOutputTopic(Topics.ROLLUPS, new StringDeserializer(), TelemetrySerdes.fleetRollup().deserializer());
        aggregates = driver.createOutputTopic(Topics.RACK_AGGREGATES, new StringDeserializer(),
                TelemetrySerdes.rackAggregate().deserializer());
        deadLetters = driver.createOutputTopic(Topics.TELEMETRY_DEAD_LETTER, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Sends a sample that reaches Kafka at its event time. */
    public void send(NodeSample sample) {
        send(sample, sample.eventMs());
    }

    /** Sends a sample that reaches Kafka at {@code arrivalMs} (the topic's log-append timestamp). */
    public void send(NodeSample sample, long arrivalMs) {
        samples.pipeInput(sample.rack(), NodeSampleJson.write(sample), arrivalMs);
    }

    /** Sends a coolant sample that reaches Kafka at {@code arrivalMs}. */
    public void send(CoolantSample sample, long arrivalMs) {
        coolant.pipeInput(sample.rack(), CoolantSampleJson.write(sample), arrivalMs);
    }

    /** Sends raw bytes to the coolant topic. */
    public void sendRawCoolant(String key, byte[] value, long timestampMs) {
        coolant.pipeInput(key, value, timestampMs);
    }

    /** Publishes a rack's inventory entry (null: a tombstone). */
    public void inventory(String rack, RackInventory entry) {
        inventory.pipeInput(rack, entry == null ? null : RackInventoryJson.write(entry));
    }

    /** Row and hall rollups written so far (and not read before). */
    public List<io.thermalwatch.model.FleetRollup> rollups() {
        return rollups.readValuesToList();
    }

    /** Alert state changes written so far (and not read before). */
    public List<ThermalAlert> alerts() {
        return alerts.readValuesToList().stream().map(ThermalAlertJson::read).toList();
    }

    /** Advances the driver's wall clock (punctuations) by {@code ms}. */
    public void advanceWallClock(long ms) {
        if (clock instanceof TestClock test) {
            test.nowMs += ms;
        }
        driver.advanceWallClockTime(Duration.ofMillis(ms));
    }

    /** The value of a metric summed over its tags (threads), or 0 if no such metric exists yet. */
    public double metric(String group, String name) {
        return driver.metrics().entrySet().stream()
                .filter(m -> m.getKey().group().equals(group) && m.getKey().name().equals(name))
                .mapToDouble(m -> ((Number) m.getValue().metricValue()).doubleValue())
                .sum();
    }

    /** Sends raw bytes with any key and producer timestamp. */
    public void sendRaw(String key, byte[] value, long timestampMs) {
        samples.pipeInput(key, value, timestampMs);
    }

    public TestOutputTopic<String, RackAggregate> aggregates() {
        return aggregates;
    }

    public TestOutputTopic<String, byte[]> deadLetters() {
        return deadLetters;
    }

    public java.util.Set<String> storeNames() {
        return driver.getAllStateStores().keySet();
    }

    /** The UTF-8 value of a header, or null. */
    public static String header(org.apache.kafka.streams.test.TestRecord<String, byte[]> record, String name) {
        org.apache.kafka.common.header.Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static GpuReading gpu(int index, double powerW, double tempC, Double hbmC, long reasons) {
        return new GpuReading(index, "GPU-" + index, "NVIDIA GB300", powerW, tempC, hbmC, 1980, reasons, 90.0,
                1400.0, 89.0, 95.0, 87.0, 95.0);
    }

    public static NodeSample node(String rack, String node, long eventMs, GpuReading... gpus) {
        return new NodeSample(1, eventMs, "ams1", "h1", "r01", rack, node, List.of(gpus));
    }

    /** A one-GPU sample: enough to move stream time. */
    public static NodeSample tick(String rack, long eventMs) {
        return node(rack, "n-tick", eventMs, gpu(0, 100, 40, null, 0));
    }

    @Override
    public void close() {
        driver.close();
    }
}
