package io.thermalwatch.demo.faults;

import io.thermalwatch.collector.TelemetryBatch;
import io.thermalwatch.collector.sim.FaultScenario;
import io.thermalwatch.collector.sim.FleetLayout;
import io.thermalwatch.collector.sim.FleetSimulator;
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
import java.time.ZoneOffset;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

class FleetAlertsProbeTest {

    @Test
    void probe() {
        int racks = Integer.getInteger("probe.racks", 16);
        int seconds = Integer.getInteger("probe.seconds", 3600);
        int stepMs = Integer.getInteger("probe.stepMs", 1000);
        String scenario = System.getProperty("probe.scenario", "").replace(';', '\n').replace('_', ' ');
        FleetLayout layout = new FleetLayout("sim", "h1", racks, 8, 18, 4);
        long t0 = 1_790_000_000_000L;
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "probe");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        Clock clock = Clock.fixed(Instant.ofEpochMilli(t0 + 86_400_000L), ZoneOffset.UTC);
        try (TopologyTestDriver driver = new TopologyTestDriver(TelemetryTopology.build(new TopologySettings(
                Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(1),
                RuleBook.defaults(), clock)), props)) {
            TestInputTopic<String, byte[]> nodes = driver.createInputTopic(Topics.NODE_SAMPLES, new StringSerializer(), new ByteArraySerializer());
            TestInputTopic<String, byte[]> coolant = driver.createInputTopic(Topics.COOLANT_SAMPLES, new StringSerializer(), new ByteArraySerializer());
            TestInputTopic<String, byte[]> inv = driver.createInputTopic(Topics.INVENTORY, new StringSerializer(), new ByteArraySerializer());
            TestOutputTopic<String, byte[]> alerts = driver.createOutputTopic(Topics.ALERTS, new StringDeserializer(), new ByteArrayDeserializer());
            for (RackInventory r : SimInventory.of(layout)) {
                inv.pipeInput(r.rack(), RackInventoryJson.write(r), t0);
            }
            FleetSimulator sim = new FleetSimulator(layout, 20261128L, FaultScenario.parse(scenario, "probe"));
            long started = System.nanoTime();
            for (long t = t0; t < t0 + seconds * 1000L; t += stepMs) {
                TelemetryBatch b = sim.read(t);
                for (NodeSample s : b.nodes()) {
                    nodes.pipeInput(s.rack(), NodeSampleJson.write(s), t);
                }
                for (CoolantSample s : b.coolant()) {
                    coolant.pipeInput(s.rack(), CoolantSampleJson.write(s), t);
                }
                while (!alerts.isEmpty()) {
                    ThermalAlert a = ThermalAlertJson.read(alerts.readValue());
                    System.out.printf("PROBE t=%6.1f %-8s %-8s %s value=%s %s%n", (t - t0) / 1000.0, a.state(), a.severity(),
                            a.id(), a.value(), a.summary());
                }
            }
            System.out.printf("PROBE done in %.1f s%n", (System.nanoTime() - started) / 1e9);
        }
    }
}
