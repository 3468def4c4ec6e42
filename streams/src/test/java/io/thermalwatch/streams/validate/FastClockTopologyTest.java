package io.thermalwatch.streams.validate;

import static io.thermalwatch.streams.TopologyHarness.GRACE_MS;
import static io.thermalwatch.streams.TopologyHarness.T0;
import static io.thermalwatch.streams.TopologyHarness.gpu;
import static io.thermalwatch.streams.TopologyHarness.header;
import static io.thermalwatch.streams.TopologyHarness.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.model.DeadLetterHeaders;
import io.thermalwatch.model.RackAggregate;
import io.thermalwatch.streams.TopologyHarness;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One node's fast clock must not make any other node's on-time sample late (issue 6, item 2). */
class FastClockTopologyTest {

    private static final long WINDOW_MS = 10_000;
    /** Time from a sample's event time to its arrival at Kafka (log-append time) for a correct clock. */
    private static final long LATENCY_MS = 150;

    private final TopologyHarness t = new TopologyHarness();

    @AfterEach
    void close() {
        t.close();
    }

    @ParameterizedTest(name = "one node {0} ms fast")
    @ValueSource(longs = {30_000, 59_000})
    void aFastNodeAmongNormalOnesMakesNoOtherSampleLateAndEveryWindowStaysComplete(long fastByMs) {
        // racks k1 and k2, three 2-GPU nodes each, 1 Hz for 40 s; node k1-n0's clock runs fast
        for (long s = 0; s < 40; s++) {
            long eventMs = T0 + s * 1_000;
            for (String rack : List.of("k1", "k2")) {
                for (int n = 0; n < 3; n++) {
                    boolean fast = rack.equals("k1") && n == 0;
                    t.send(node(rack, rack + "-n" + n, fast ? eventMs + fastByMs : eventMs,
                            gpu(0, 100, 40, null, 0), gpu(1, 200, 50, null, 0)), eventMs + LATENCY_MS);
                }
            }
        }
        for (String rack : List.of("k1", "k2")) { // windows close per rack, on its own event time
            t.send(TopologyHarness.tick(rack, T0 + 40_000 + GRACE_MS), T0 + 40_000 + GRACE_MS + LATENCY_MS);
        }

        assertThat(t.deadLetters().readRecordsToList()).extracting(r -> header(r, DeadLetterHeaders.REASON))
                .isEmpty();
        Map<String, List<RackAggregate>> byRack = t.aggregates().readValuesToList().stream()
                .collect(Collectors.groupingBy(RackAggregate::rack));
        for (String rack : List.of("k1", "k2")) {
            // four complete windows per rack: 3 nodes x 10 ticks, 6 GPUs, 3 x 300 W
            assertThat(byRack.get(rack)).as(rack).extracting(RackAggregate::windowStartMs,
                            RackAggregate::nodesReporting, RackAggregate::gpusReporting, RackAggregate::samples,
                            RackAggregate::totalPowerW)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(T0, 3, 6, 30L, 900.0),
                            org.assertj.core.groups.Tuple.tuple(T0 + WINDOW_MS, 3, 6, 30L, 900.0),
                            org.assertj.core.groups.Tuple.tuple(T0 + 2 * WINDOW_MS, 3, 6, 30L, 900.0),
                            org.assertj.core.groups.Tuple.tuple(T0 + 3 * WINDOW_MS, 3, 6, 30L, 900.0));
        }
        assertThat(t.metric(FutureSampleReport.METRIC_GROUP, FutureSampleReport.METRIC_TOTAL)).isEqualTo(40.0);
    }

    @Test
    void aSampleAheadOfItsArrivalIsWindowedAtItsArrival() {
        long arrival = T0 + 4_000;
        t.send(node("k1", "fast", arrival + 30_000, gpu(0, 700, 40, null, 0)), arrival);
        t.send(TopologyHarness.tick("k1", T0 + WINDOW_MS + GRACE_MS));
        assertThat(t.aggregates().readValuesToList()).singleElement().satisfies(a -> {
            assertThat(a.windowStartMs()).isEqualTo(T0);
            assertThat(a.totalPowerW()).isEqualTo(700.0);
        });
        assertThat(t.metric(FutureSampleReport.METRIC_GROUP, FutureSampleReport.METRIC_TOTAL)).isEqualTo(1.0);
    }

    @Test
    void anOnTimeSampleIsLateOnlyOnceGraceHasPassedSinceItsWindowEnded() {
        long windowEnd = T0 + WINDOW_MS;
        // a fast node and a correct one keep stream time at the latest arrival
        t.send(node("k1", "fast", windowEnd + GRACE_MS + 50_000, gpu(0, 1, 40, null, 0)), windowEnd + GRACE_MS - 1);
        t.send(node("k2", "slowpoke", T0 + 9_000, gpu(0, 5, 40, null, 0)), windowEnd + GRACE_MS - 1);
        assertThat(t.deadLetters().isEmpty()).as("arrived 1 ms before its window closed").isTrue();

        t.send(node("k2", "b", windowEnd + GRACE_MS, gpu(0, 5, 40, null, 0)), windowEnd + GRACE_MS);
        t.send(node("k2", "tardy", T0 + 9_500, gpu(0, 5, 40, null, 0)), windowEnd + GRACE_MS);
        List<TestRecord<String, byte[]>> dead = t.deadLetters().readRecordsToList();
        assertThat(dead).extracting(r -> header(r, DeadLetterHeaders.REASON_CODE)).containsExactly("late");
        assertThat(header(dead.get(0), DeadLetterHeaders.REASON)).startsWith("eventMs " + (T0 + 9_500));
    }
}
