package io.thermalwatch.streams.rackstate;

import static io.thermalwatch.streams.TopologyHarness.GRACE_MS;
import static io.thermalwatch.streams.TopologyHarness.T0;
import static io.thermalwatch.streams.TopologyHarness.gpu;
import static io.thermalwatch.streams.TopologyHarness.node;
import static io.thermalwatch.streams.TopologyHarness.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.thermalwatch.model.ClockEventReasons;
import io.thermalwatch.model.RackAggregate;
import io.thermalwatch.streams.TopologyHarness;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RackWindowTopologyTest {

    private final TopologyHarness t = new TopologyHarness();

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void aggregatesAClosedWindowExactly() {
        // node a: 2 samples (power 1000.5+200 then 1001.5+200), node b: 1 sample (300.25 + 0.5)
        t.send(node("k1", "a", T0, gpu(0, 1000.5, 60, 70.0, 0), gpu(1, 200, 40, 45.0, 0)));
        t.send(node("k1", "b", T0 + 1_000, gpu(0, 300.25, 50, null, ClockEventReasons.SW_THERMAL_SLOWDOWN),
                gpu(3, 0.5, 30, 80.5, ClockEventReasons.GPU_IDLE)));
        t.send(node("k1", "a", T0 + 9_999, gpu(0, 1001.5, 62, 71.0, ClockEventReasons.HW_THERMAL_SLOWDOWN),
                gpu(1, 200, 41, 44.0, 0)));
        assertThat(t.aggregates().isEmpty()).isTrue();

        t.send(tick("k1", T0 + 10_000 + GRACE_MS)); // stream time reaches end + grace: the window closes

        List<KeyValue<String, RackAggregate>> out = t.aggregates().readKeyValuesToList();
        assertThat(out).hasSize(1);
        RackAggregate a = out.get(0).value;
        assertThat(out.get(0).key).isEqualTo("k1");
        assertThat(a.windowStartMs()).isEqualTo(T0);
        assertThat(a.windowEndMs()).isEqualTo(T0 + 10_000);
        assertThat(a.nodesReporting()).isEqualTo(2);
        assertThat(a.gpusReporting()).isEqualTo(4);
        assertThat(a.samples()).isEqualTo(3);
        // node a mean (1200.5 + 1201.5) / 2 = 1201.0; node b 300.75
        assertThat(a.totalPowerW()).isEqualTo(1501.75);
        assertThat(a.meanGpuTempC()).isCloseTo((60 + 40 + 50 + 30 + 62 + 41) / 6.0, within(1e-9));
        assertThat(a.maxGpuTempC()).isEqualTo(62.0);
        assertThat(a.maxHbmTempC()).isEqualTo(80.5);
        // node b GPU 0 (software thermal) and node a GPU 0 (hardware thermal); idle is not thermal
        assertThat(a.thermalThrottledGpus()).isEqualTo(2);
        assertThat(a.site()).isEqualTo("ams1");
        assertThat(a.row()).isEqualTo("r01");
    }

    @Test
    void windowStaysOpenUntilStreamTimeReachesEndPlusGrace() {
        t.send(tick("k1", T0));
        t.send(tick("k1", T0 + 10_000 + GRACE_MS - 1));
        assertThat(t.aggregates().isEmpty()).isTrue();
        t.send(tick("k1", T0 + 10_000 + GRACE_MS));
        assertThat(t.aggregates().readValuesToList()).extracting(RackAggregate::windowStartMs).containsExactly(T0);
    }

    @Test
    void samplesOnTheEdgeBelongToTheWindowTheyStart() {
        t.send(node("k1", "a", T0 + 9_999, gpu(0, 100, 40, null, 0)));
        t.send(node("k1", "a", T0 + 10_000, gpu(0, 500, 40, null, 0)));
        t.send(tick("k1", T0 + 20_000 + GRACE_MS));
        List<RackAggregate> out = t.aggregates().readValuesToList();
        assertThat(out).extracting(RackAggregate::windowStartMs).containsExactly(T0, T0 + 10_000);
        assertThat(out.get(0).totalPowerW()).isEqualTo(100.0);
        assertThat(out.get(1).totalPowerW()).isEqualTo(500.0);
    }

    @Test
    void lastWindowBeforeAGapInTheDataIsStillEmittedWhenDataResumes() {
        t.send(node("k1", "a", T0 + 1_000, gpu(0, 321, 40, null, 0)));
        t.send(tick("k1", T0 + 9 * 60_000)); // the rack was silent for nine minutes
        assertThat(t.aggregates().readValuesToList()).extracting(RackAggregate::windowStartMs, RackAggregate::totalPowerW)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(T0, 321.0));
    }

    @Test
    void outOfOrderSampleWithinGraceJoinsItsWindow() {
        t.send(node("k1", "a", T0 + 1_000, gpu(0, 100, 40, null, 0)));
        t.send(node("k1", "a", T0 + 12_000, gpu(0, 900, 40, null, 0))); // next window; stream time T0+12s
        t.send(node("k1", "b", T0 + 8_000, gpu(0, 50, 40, null, 0)));  // 4 s late, grace is 5 s
        t.send(tick("k1", T0 + 10_000 + GRACE_MS));
        RackAggregate first = t.aggregates().readValue();
        assertThat(first.windowStartMs()).isEqualTo(T0);
        assertThat(first.nodesReporting()).isEqualTo(2);
        assertThat(first.totalPowerW()).isEqualTo(150.0);
        assertThat(t.deadLetters().isEmpty()).isTrue();
    }

    @Test
    void sampleAfterItsWindowClosedIsDeadLetteredNotSilentlyDropped() {
        t.send(node("k1", "a", T0 + 1_000, gpu(0, 100, 40, null, 0)));
        t.send(tick("k1", T0 + 10_000 + GRACE_MS)); // closes [T0, T0+10s)
        t.send(node("k1", "late", T0 + 2_000, gpu(0, 700, 40, null, 0)));
        t.send(tick("k1", T0 + 30_000));

        assertThat(t.aggregates().readValuesToList()).first()
                .satisfies(a -> assertThat(a.totalPowerW()).isEqualTo(100.0));
        assertThat(t.deadLetters().readRecordsToList()).singleElement()
                .satisfies(r -> assertThat(TopologyHarness.header(r, "tw.dlq.reason-code")).isEqualTo("late"));
    }

    @Test
    void eventTimeWinsOverTheProducerTimestamp() {
        byte[] value = io.thermalwatch.model.NodeSampleJson.write(node("k1", "a", T0 + 3_000, gpu(0, 123, 40, null, 0)));
        t.sendRaw("k1", value, T0 + 50_000); // producer stamped a wrong, later time
        t.send(tick("k1", T0 + 10_000 + GRACE_MS));
        assertThat(t.aggregates().readValuesToList()).first()
                .satisfies(a -> assertThat(a.totalPowerW()).isEqualTo(123.0));
    }

    @Test
    void racksAreAggregatedSeparately() {
        t.send(node("k1", "a", T0, gpu(0, 100, 40, null, 0)));
        t.send(node("k2", "a", T0, gpu(0, 200, 40, null, 0), gpu(1, 200, 40, null, 0)));
        t.send(tick("k1", T0 + 10_000 + GRACE_MS));
        t.send(tick("k2", T0 + 10_000 + GRACE_MS));
        assertThat(t.aggregates().readKeyValuesToMap())
                .hasEntrySatisfying("k1", a -> assertThat(a.gpusReporting()).isEqualTo(1))
                .hasEntrySatisfying("k2", a -> assertThat(a.totalPowerW()).isEqualTo(400.0));
    }

    @Test
    void storesAreNamed() {
        assertThat(t.storeNames()).contains(RackStateProcessor.STORE, io.thermalwatch.streams.inventory.InventoryStore.STORE);
    }
}
