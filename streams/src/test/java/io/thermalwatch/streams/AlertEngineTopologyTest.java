package io.thermalwatch.streams;

import static io.thermalwatch.streams.TopologyHarness.T0;
import static io.thermalwatch.streams.TopologyHarness.gpu;
import static io.thermalwatch.streams.TopologyHarness.header;
import static io.thermalwatch.streams.TopologyHarness.node;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.thermalwatch.model.CoolantSample;
import io.thermalwatch.model.CoolantSampleJson;
import io.thermalwatch.model.DeadLetterHeaders;
import io.thermalwatch.model.LeakDetectorReading;
import io.thermalwatch.model.RackAggregate;
import io.thermalwatch.model.RackInventory;
import io.thermalwatch.model.ThermalAlert;
import io.thermalwatch.model.Topics;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole topology as wired in {@link TelemetryTopology}: coolant samples validated beside node
 * samples, the inventory read from its topic, alerts on their topic, staleness on the wall clock.
 * (Each rule at its edges: the {@code alert} package's tests.)
 */
class AlertEngineTopologyTest {

    private final TestClock clock = new TestClock(T0);
    private final TopologyHarness t = new TopologyHarness(clock);

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void coolantSamplesAreValidatedAndDeadLetteredLikeNodeSamples() {
        byte[] garbage = "{\"schemaVersion\":1,\"eventMs\":".getBytes(UTF_8);
        t.sendRawCoolant("k1", garbage, T0);
        t.sendRawCoolant("k9", CoolantSampleJson.write(loop("k1", T0, 30.0, 42.0, 180.0, false)), T0);

        List<TestRecord<String, byte[]>> dead = t.deadLetters().readRecordsToList();
        assertThat(dead).extracting(r -> header(r, DeadLetterHeaders.REASON_CODE)).containsExactly("malformed", "key-mismatch");
        assertThat(dead).extracting(r -> header(r, DeadLetterHeaders.SOURCE_TOPIC)).containsOnly(Topics.COOLANT_SAMPLES);
        assertThat(dead.get(0).value()).isEqualTo(garbage);
    }

    @Test
    void aggregatesCarryTheInventoryCoverageBudgetAndHeatBalance() {
        t.inventory("k1", inventory("k1", 3, 12, 2.0));
        for (long s = 0; s < 10; s++) {
            long at = T0 + s * 1_000;
            clock.nowMs = at;
            // two of three nodes, 4 GPUs × 400 W = 1.6 kW each: 3.2 kW of a 2 kW budget
            for (String n : List.of("k1-n1", "k1-n2")) {
                t.send(node("k1", n, at, gpu(0, 400, 60, null, 0), gpu(1, 400, 61, null, 0), gpu(2, 400, 62, null, 0),
                        gpu(3, 400, 63, null, 0x4)), at);
            }
            t.send(loop("k1", at, 30.0, 40.0, 4.5, false), at);
        }
        t.send(TopologyHarness.tick("k1", T0 + 10_000 + TopologyHarness.GRACE_MS), T0 + 15_000);

        RackAggregate a = t.aggregates().readValuesToList().get(0);
        assertThat(a.expectedNodes()).isEqualTo(3);
        assertThat(a.expectedGpus()).isEqualTo(12);
        assertThat(a.gpusReporting()).isEqualTo(8);
        assertThat(a.powerCappedGpus()).isEqualTo(2);
        assertThat(a.totalPowerW()).isEqualTo(3200.0);
        assertThat(a.powerBudgetKw()).isEqualTo(2.0);
        assertThat(a.powerBudgetPct()).isCloseTo(160.0, within(1e-9));
        assertThat(a.minSlowdownMargin()).isEqualTo(new RackAggregate.Margin(26.0, "k1-n1", 3));
        assertThat(a.supplyTempC()).isEqualTo(30.0);
        assertThat(a.returnTempC()).isEqualTo(40.0);
        assertThat(a.deltaTempC()).isEqualTo(10.0);
        // 4.5 L/min × 1.030 kg/L / 60 s × 3.974 kJ/(kg·K) × 10 K = 3.07 kW
        assertThat(a.heatRemovedKw()).isCloseTo(4.5 * 1.030 / 60 * 3.974 * 10, within(1e-9));
        assertThat(a.captureRatio()).isCloseTo(a.heatRemovedKw() / 3.2, within(1e-9));
    }

    @Test
    void aRackMissingFromTheInventoryIsStillAggregatedWithoutCoverageOrBudget() {
        t.inventory("k1", inventory("k1", 3, 12, 2.0));
        t.inventory("k1", null); // tombstone: gone again
        t.send(node("k1", "k1-n1", T0, gpu(0, 400, 60, null, 0)), T0);
        t.send(TopologyHarness.tick("k1", T0 + 15_000), T0 + 15_000);
        RackAggregate a = t.aggregates().readValuesToList().get(0);
        assertThat(a.expectedGpus()).isNull();
        assertThat(a.powerBudgetPct()).isNull();
        assertThat(t.alerts()).isEmpty();
    }

    @Test
    void aLeakPagesAtOnceOnTheAlertsTopicKeyedByItsIdentity() {
        t.send(loop("k1", T0, 30.0, 40.0, 180.0, true), T0);
        List<ThermalAlert> alerts = t.alerts();
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("coolant-leak");
            assertThat(a.severity()).isEqualTo("critical");
            assertThat(a.state()).isEqualTo(ThermalAlert.FIRING);
            assertThat(a.id()).isEqualTo("coolant-leak|k1|loop:cdu-k1");
            assertThat(a.site()).isEqualTo("ams1");
            assertThat(a.loop()).isEqualTo("cdu-k1");
            assertThat(a.startsAtMs()).isEqualTo(T0);
            assertThat(a.runbookUrl()).endsWith("#coolant-leak");
        });
    }

    @Test
    void aNodeThatFallsSilentGoesStaleOnTheWallClockWithNoDataArriving() {
        t.send(node("k1", "k1-n1", T0, gpu(0, 400, 60, null, 0)), T0);
        t.advanceWallClock(14_000);
        assertThat(t.alerts()).isEmpty();
        t.advanceWallClock(2_000);
        assertThat(t.alerts()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("telemetry-stale");
            assertThat(a.severity()).isEqualTo("warning");
            assertThat(a.node()).isEqualTo("k1-n1");
        });
        t.advanceWallClock(45_000);
        assertThat(t.alerts()).extracting(ThermalAlert::severity, ThermalAlert::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("critical", ThermalAlert.FIRING));
        clock.nowMs += 1;
        t.send(node("k1", "k1-n1", T0 + 61_000, gpu(0, 400, 60, null, 0)), T0 + 61_000);
        assertThat(t.alerts()).extracting(ThermalAlert::state).containsExactly(ThermalAlert.RESOLVED);
    }

    @Test
    void whileCatchingUpOnABacklogSilenceIsMeasuredOnArrivalTimeNotOnTheWallClock() {
        clock.nowMs = T0 + 600_000; // the app processes, ten minutes later, what arrived from T0 on
        for (int s = 0; s <= 60; s++) {
            long arrival = T0 + s * 1_000L;
            t.send(node("k1", "k1-n1", arrival, gpu(0, 400, 60, null, 0)), arrival);
            if (s < 30) { // n2 fell silent at T0 + 30 s
                t.send(node("k1", "k1-n2", arrival, gpu(0, 400, 60, null, 0)), arrival);
            }
            t.advanceWallClock(100); // a punctuation every ten ticks
            if (s == 40) {
                // ten minutes of wall clock since T0, but only 10 s of the backlog's time since n2's last sample
                assertThat(t.alerts()).isEmpty();
            }
        }
        assertThat(t.alerts()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("telemetry-stale");
            assertThat(a.node()).isEqualTo("k1-n2");
            assertThat(a.severity()).isEqualTo("warning");
        });
    }

    @Test
    void aCoolantSampleForAClosedWindowIsDeadLetteredLate() {
        t.send(loop("k1", T0 + 1_000, 30.0, 40.0, 180.0, false), T0 + 1_000);
        t.send(loop("k1", T0 + 20_000, 30.0, 40.0, 180.0, false), T0 + 20_000); // closes [T0, T0 + 10 s)
        t.send(loop("k1", T0 + 2_000, 30.0, 40.0, 180.0, false), T0 + 20_500);
        // a coolant-only rack has nothing to aggregate, but its windows still close
        assertThat(t.aggregates().readValuesToList()).isEmpty();
        assertThat(t.deadLetters().readRecordsToList()).extracting(r -> header(r, DeadLetterHeaders.REASON_CODE))
                .containsExactly("late");
    }

    private static CoolantSample loop(String rack, long eventMs, double supplyC, double returnC, double flowLpm,
                                      boolean leaking) {
        return new CoolantSample(1, eventMs, "ams1", "h1", "r01", rack, "cdu-" + rack, "simulator", supplyC, returnC,
                null, flowLpm, null, null, null, null, null, 80.0, "OK", List.of(),
                List.of(new LeakDetectorReading("tray", leaking, leaking ? "Critical" : "OK")));
    }

    private static RackInventory inventory(String rack, int nodes, int gpus, double budgetKw) {
        return new RackInventory(1, "ams1", "h1", "r01", rack, nodes, gpus, budgetKw, "cdu-" + rack, 30.0, 4.5, null);
    }
}
