package io.thermalwatch.demo;

import io.thermalwatch.collector.TelemetryBatch;
import io.thermalwatch.collector.sim.FaultScenario;
import io.thermalwatch.collector.sim.FleetLayout;
import io.thermalwatch.collector.sim.FleetSimulator;
import io.thermalwatch.collector.sim.SimulatedInventory;
import io.thermalwatch.model.CoolantSample;
import io.thermalwatch.model.CoolantSampleJson;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.NodeSampleJson;
import io.thermalwatch.model.RackInventory;
import io.thermalwatch.model.RackInventoryJson;
import io.thermalwatch.model.ThermalAlert;
import io.thermalwatch.model.ThermalAlertJson;
import io.thermalwatch.model.Topics;
import io.thermalwatch.streams.TelemetryTopology;
import io.thermalwatch.streams.TopologySettings;
import io.thermalwatch.streams.alert.RuleBook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Plays a fault scenario on the simulated fleet through the streams app's whole topology
 * ({@link TelemetryTopology}, the shipped alert rules) in a {@link TopologyTestDriver}: the fleet's
 * inventory first, as the demo publishes it, then one simulated second at a time with the wall
 * clock moved along. The alerts the demo would raise, with their times in seconds, without a broker.
 */
final class ScenarioRehearsal {

    static final long T0 = 1_790_000_000_000L; // window-aligned

    /** An alert state change, {@code atS} seconds after the first sample. */
    record Change(double atS, ThermalAlert alert) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%6.1f s %-8s %-8s %-22s %s", atS, alert.state(), alert.severity(),
                    alert.rule(), alert.summary());
        }
    }

    private ScenarioRehearsal() {
    }

    static List<Change> play(FleetLayout layout, long seed, FaultScenario scenario, int seconds) {
        MovableClock clock = new MovableClock(T0);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "scenario-rehearsal");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        Topology topology = TelemetryTopology.build(new TopologySettings(Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofMinutes(1), RuleBook.defaults(), clock));
        FleetSimulator sim = new FleetSimulator(layout, seed, scenario);
        List<Change> changes = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props, Instant.ofEpochMilli(T0))) {
            TestInputTopic<String, byte[]> inventory = driver.createInputTopic(Topics.INVENTORY, new StringSerializer(),
                    new ByteArraySerializer());
            TestInputTopic<String, byte[]> nodes = driver.createInputTopic(Topics.NODE_SAMPLES, new StringSerializer(),
                    new ByteArraySerializer());
            TestInputTopic<String, byte[]> coolant = driver.createInputTopic(Topics.COOLANT_SAMPLES, new StringSerializer(),
                    new ByteArraySerializer());
            TestOutputTopic<String, byte[]> alerts = driver.createOutputTopic(Topics.ALERTS, new StringDeserializer(),
                    new ByteArrayDeserializer());
            for (RackInventory rack : SimulatedInventory.of(layout)) { // as the demo does, before the first sample
                inventory.pipeInput(rack.rack(), RackInventoryJson.write(rack), T0);
            }
            for (int s = 0; s <= seconds; s++) {
                long now = T0 + s * 1_000L;
                if (s > 0) {
                    clock.nowMs = now;
                    driver.advanceWallClockTime(Duration.ofSeconds(1));
                }
                TelemetryBatch batch = sim.read(now);
                for (NodeSample n : batch.nodes()) {
                    nodes.pipeInput(n.rack(), NodeSampleJson.write(n), now);
                }
                for (CoolantSample c : batch.coolant()) {
                    coolant.pipeInput(c.rack(), CoolantSampleJson.write(c), now);
                }
                for (byte[] alert : alerts.readValuesToList()) {
                    changes.add(new Change(s, ThermalAlertJson.read(alert)));
                }
            }
        }
        return changes;
    }

    /** The wall clock the rack state reads, moved with the driver's. */
    private static final class MovableClock extends Clock {
        long nowMs;

        MovableClock(long nowMs) {
            this.nowMs = nowMs;
        }

        @Override
        public long millis() {
            return nowMs;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(nowMs);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
