package io.thermalwatch.streams.rackstate;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.model.GpuReading;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.NodeSampleJson;
import io.thermalwatch.model.RackInventory;
import io.thermalwatch.model.ThermalAlert;
import io.thermalwatch.streams.TestClock;
import io.thermalwatch.streams.alert.RuleBook;
import io.thermalwatch.streams.state.HeapStoreBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RackStateProcessorTest {

    private static final long T0 = 1_790_000_000_000L; // window-aligned
    private static final RackInventory K1 = new RackInventory(1, "s", "h", "r01", "k1", 2, 8, 10.0, "cdu1", 30.0, 180.0, null);

    private final TestClock clock = new TestClock(T0);
    private final List<RackOutput> out = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> samples;

    @BeforeEach
    void start() {
        Topology topology = new Topology();
        topology.addSource("in", new StringDeserializer(), new ByteArrayDeserializer(), "node-samples");
        topology.addProcessor("parse", () -> new Processor<String, byte[], String, RackInput>() {
            private ProcessorContext<String, RackInput> ctx;

            @Override
            public void init(ProcessorContext<String, RackInput> context) {
                ctx = context;
            }

            @Override
            public void process(Record<String, byte[]> r) {
                ctx.forward(r.withValue(new RackInput.Node(NodeSampleJson.read(r.value()), r.value())));
            }
        }, "in");
        topology.addProcessor("rack", () -> new RackStateProcessor(Duration.ofSeconds(10), Duration.ofSeconds(5), clock,
                RuleBook.defaults(), Map.of("k1", K1)::get), "parse");
        topology.addStateStore(new HeapStoreBuilder<>(RackStateProcessor.STORE, new RackStateCodec()), "rack");
        topology.addProcessor("collect", () -> r -> out.add((RackOutput) r.value()), "rack");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "rack-state-test");
        driver = new TopologyTestDriver(topology, props, Instant.ofEpochMilli(T0));
        samples = driver.createInputTopic("node-samples", new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void windowsCloseOnTheRacksOwnEventTimeWithExactFigures() {
        for (int s = 0; s <= 25; s++) {
            at(s * 1_000L);
            send(node("k1-n0", T0 + s * 1_000L, 500, 60));
            send(node("k1-n1", T0 + s * 1_000L, 250, 55));
        }
        List<WindowResult> windows = windows();
        assertThat(windows).hasSize(2);
        WindowResult w = windows.get(0);
        assertThat(w.windowStartMs()).isEqualTo(T0);
        assertThat(w.nodesReporting()).isEqualTo(2);
        assertThat(w.gpusReporting()).isEqualTo(8);
        assertThat(w.expectedGpus()).isEqualTo(8);
        assertThat(w.samples()).isEqualTo(20);
        assertThat(w.totalPowerW()).isEqualTo(750.0);
        assertThat(w.powerBudgetPct()).isEqualTo(7.5);
        assertThat(w.minSlowdownMarginC()).isEqualTo(29.0);
        assertThat(alerts()).isEmpty();
    }

    @Test
    void aNodeWhoseClockRunsFastCostsNobodyTheirSamples() {
        for (int s = 0; s <= 25; s++) {
            at(s * 1_000L);
            send(node("k1-n0", T0 + s * 1_000L + 59_000, 500, 60)); // 59 s fast: clamped to now
            send(node("k1-n1", T0 + s * 1_000L, 250, 55));
        }
        assertThat(out).noneMatch(o -> o instanceof RackOutput.Late);
        assertThat(windows()).hasSize(2).allSatisfy(w -> {
            assertThat(w.samples()).isEqualTo(20);
            assertThat(w.gpusReporting()).isEqualTo(8);
        });
    }

    @Test
    void aQuietRacksLastWindowClosesOnTheOtherRacksProgressAndItsNodesGoStale() {
        for (int s = 0; s <= 30; s++) {
            at(s * 1_000L);
            if (s <= 3) {
                send(node("k1-n0", T0 + s * 1_000L, 500, 60));
            }
            send(rack2("k2-n0", T0 + s * 1_000L));
        }
        assertThat(windows()).filteredOn(w -> w.rack().equals("k1")).singleElement()
                .satisfies(w -> assertThat(w.samples()).isEqualTo(4));
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("telemetry-stale");
            assertThat(a.node()).isEqualTo("k1-n0");
            assertThat(a.severity()).isEqualTo("warning");
            assertThat(a.summary()).isEqualTo("node k1-n0 has not reported for 15 s");
        });
        at(31_000);
        send(node("k1-n0", T0 + 31_000, 500, 60));
        assertThat(alerts()).hasSize(2);
        assertThat(alerts().get(1).state()).isEqualTo(ThermalAlert.RESOLVED);
        assertThat(alerts().get(1).id()).isEqualTo(alerts().get(0).id());
    }

    @Test
    void whenEveryRackFallsSilentWindowsWaitForDataButTheDeadmanPages() {
        for (int s = 0; s <= 3; s++) {
            at(s * 1_000L);
            send(node("k1-n0", T0 + s * 1_000L, 500, 60));
        }
        for (int s = 0; s < 60; s++) { // nothing arrives at all (a dead collector, or Kafka unreachable)
            advance(1_000);
        }
        assertThat(windows()).as("wall time alone says nothing about what has yet to arrive").isEmpty();
        assertThat(alerts()).extracting(ThermalAlert::severity).containsExactly("warning", "critical");
    }

    @Test
    void aSampleForAClosedWindowIsLate() {
        for (int s = 0; s <= 16; s++) {
            at(s * 1_000L);
            send(node("k1-n0", T0 + s * 1_000L, 500, 60));
        }
        send(node("k1-n1", T0 + 9_000, 500, 60));
        assertThat(out).filteredOn(o -> o instanceof RackOutput.Late).singleElement()
                .satisfies(o -> assertThat(((RackOutput.Late) o).message()).contains("closed at " + (T0 + 10_000)));
    }

    @Test
    void aHotGpuRaisesItsMarginAlertsOnceEachAndTheyResolve() {
        for (int s = 0; s <= 60; s++) { // GPU rules judge samples: the clear needs samples too
            at(s * 1_000L);
            send(node("k1-n0", T0 + s * 1_000L, 500, s < 20 ? 87 : 60)); // margin 2 °C for 20 s
        }
        List<ThermalAlert> margin = alerts().stream().filter(a -> a.rule().equals("gpu-slowdown-margin")).toList();
        assertThat(margin).hasSize(8); // 4 GPUs fire critical, then resolve
        assertThat(margin.stream().map(ThermalAlert::id).distinct()).hasSize(4)
                .contains("gpu-slowdown-margin|k1|k1-n0|2");
        assertThat(margin).filteredOn(ThermalAlert::firing).allSatisfy(a -> {
            assertThat(a.severity()).isEqualTo("critical");
            assertThat(a.threshold()).isEqualTo(3.0);
            assertThat(a.value()).isEqualTo(2.0);
            assertThat(a.startsAtMs()).isEqualTo(T0);
        });
    }

    private void at(long offsetMs) {
        long target = T0 + offsetMs;
        if (target > clock.nowMs) {
            advance(target - clock.nowMs);
        }
    }

    private void advance(long ms) {
        clock.nowMs += ms;
        driver.advanceWallClockTime(Duration.ofMillis(ms));
    }

    private void send(NodeSample sample) {
        samples.pipeInput(sample.rack(), NodeSampleJson.write(sample), clock.nowMs);
    }

    private List<WindowResult> windows() {
        return out.stream().filter(o -> o instanceof RackOutput.Window).map(o -> ((RackOutput.Window) o).result()).toList();
    }

    private List<ThermalAlert> alerts() {
        return out.stream().filter(o -> o instanceof RackOutput.Alert).map(o -> ((RackOutput.Alert) o).alert()).toList();
    }

    /** A node of rack k2 (not in the inventory), idle and cool. */
    private static NodeSample rack2(String node, long eventMs) {
        NodeSample k1 = node(node, eventMs, 200, 40);
        return new NodeSample(1, eventMs, "s", "h", "r01", "k2", node, k1.gpus());
    }

    private static NodeSample node(String node, long eventMs, double powerW, double tempC) {
        List<GpuReading> gpus = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            gpus.add(new GpuReading(i, node + "-GPU-" + i, "NVIDIA GB300", powerW / 4, tempC, tempC + 3, 1980, 0L, 90.0,
                    1400.0, 89.0, 95.0, 87.0, 95.0));
        }
        return new NodeSample(1, eventMs, "s", "h", "r01", "k1", node, gpus);
    }
}
