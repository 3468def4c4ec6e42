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
import io.thermalwatch.model.ThermalAlert;
import io.thermalwatch.streams.alert.RuleBook;
import io.thermalwatch.streams.rackstate.RackInput;
import io.thermalwatch.streams.rackstate.RackOutput;
import io.thermalwatch.streams.rackstate.RackStateCodec;
import io.thermalwatch.streams.rackstate.RackStateProcessor;
import io.thermalwatch.streams.state.HeapStoreBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Plays a fault scenario on the simulated fleet, with its inventory, through the streams app's
 * rack state and alert rules (the shipped defaults) in a {@link TopologyTestDriver}, one simulated
 * second at a time with the wall clock moved along: the alerts the demo would raise, with their
 * times, in seconds, without a broker.
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
        Map<String, RackInventory> inventory = SimulatedInventory.of(layout).stream()
                .collect(Collectors.toMap(RackInventory::rack, Function.identity()));
        MovableClock clock = new MovableClock(T0);
        List<Change> changes = new ArrayList<>();
        Topology topology = new Topology();
        topology.addSource("nodes", new StringDeserializer(), new ByteArrayDeserializer(), "nodes");
        topology.addSource("coolant", new StringDeserializer(), new ByteArrayDeserializer(), "coolant");
        topology.addProcessor("parse-nodes", () -> parser(b -> new RackInput.Node(NodeSampleJson.read(b), b)), "nodes");
        topology.addProcessor("parse-coolant", () -> parser(b -> new RackInput.Coolant(CoolantSampleJson.read(b), b)),
                "coolant");
        topology.addProcessor("rack", () -> new RackStateProcessor(Duration.ofSeconds(10), Duration.ofSeconds(5), clock,
                RuleBook.defaults(), inventory::get), "parse-nodes", "parse-coolant");
        topology.addStateStore(new HeapStoreBuilder<>(RackStateProcessor.STORE, new RackStateCodec()), "rack");
        topology.addProcessor("collect", () -> r -> {
            if (r.value() instanceof RackOutput.Alert a) {
                changes.add(new Change((clock.millis() - T0) / 1000.0, a.alert()));
            }
        }, "rack");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "scenario-rehearsal");
        FleetSimulator sim = new FleetSimulator(layout, seed, scenario);
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props, Instant.ofEpochMilli(T0))) {
            TestInputTopic<String, byte[]> nodes = driver.createInputTopic("nodes", new StringSerializer(),
                    new ByteArraySerializer());
            TestInputTopic<String, byte[]> coolant = driver.createInputTopic("coolant", new StringSerializer(),
                    new ByteArraySerializer());
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
            }
        }
        return changes;
    }

    private static <T extends RackInput> Processor<String, byte[], String, RackInput> parser(Function<byte[], T> parse) {
        return new Processor<>() {
            private ProcessorContext<String, RackInput> context;

            @Override
            public void init(ProcessorContext<String, RackInput> context) {
                this.context = context;
            }

            @Override
            public void process(Record<String, byte[]> record) {
                context.forward(record.withValue(parse.apply(record.value())));
            }
        };
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
