package io.thermalwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermalwatch.collector.sim.FleetLayout;
import io.thermalwatch.collector.sim.FleetSimulator;
import io.thermalwatch.model.EnvSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SamplePhaseTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void autoSpreadsAFleetsNodesOverTheIntervalAndIsStablePerNode() {
        Set<Long> phases = new HashSet<>();
        int[] perTenth = new int[10];
        for (int n = 0; n < 1_000; n++) {
            NodeIdentity node = new NodeIdentity("s", "h", "r01", "r01-k" + n / 18, "r01-k" + n / 18 + "-n" + n % 18);
            long ms = SamplePhase.of(node, SECOND).toMillis();
            assertThat(ms).isBetween(0L, 999L);
            assertThat(SamplePhase.of(node, SECOND).toMillis()).isEqualTo(ms);
            phases.add(ms);
            perTenth[(int) (ms / 100)]++;
        }
        // 1,000 nodes over 1,000 ms: no tenth of the second gets a burst (a uniform spread puts ~100 in each)
        assertThat(phases.size()).isGreaterThan(500);
        assertThat(IntStream.of(perTenth).boxed().toList()).allSatisfy(count -> assertThat(count).isBetween(50, 150));
    }

    @Test
    void readsAnExplicitPhaseAndRejectsOneOutsideTheInterval() {
        CollectorConfig c = CollectorConfig.fromEnv(new EnvSettings(Map.of("TW_SAMPLE_PHASE_MS", "250")));
        assertThat(c.phase()).isEqualTo(Duration.ofMillis(250));
        NodeIdentity node = new NodeIdentity("a", "b", "c", "d", "e");
        assertThat(CollectorConfig.fromEnv(new EnvSettings(Map.of("TW_SITE", "a", "TW_HALL", "b", "TW_ROW", "c",
                "TW_RACK", "d", "TW_NODE", "e"))).phase()).isEqualTo(SamplePhase.of(node, SECOND));
        assertThatThrownBy(() -> CollectorConfig.fromEnv(new EnvSettings(Map.of("TW_SAMPLE_PHASE_MS", "1000"))))
                .hasMessage("TW_SAMPLE_PHASE_MS: expected auto or ms in [0, 1000), got 1000");
        assertThatThrownBy(() -> CollectorConfig.fromEnv(new EnvSettings(Map.of("TW_SAMPLE_INTERVAL_MS", "200",
                "TW_SAMPLE_PHASE_MS", "soon")))).hasMessage("TW_SAMPLE_PHASE_MS: expected auto or ms in [0, 200), got 'soon'");
    }

    @Test
    void aPhasedLoopStampsEachTickWithItsOwnTime() {
        List<Long> stamped = new java.util.ArrayList<>();
        SampleSink sink = new SampleSink() {
            @Override
            public void accept(io.thermalwatch.model.NodeSample s) {
                stamped.add(s.eventMs());
            }

            @Override
            public void accept(io.thermalwatch.model.CoolantSample s) {
            }
        };
        long t0 = 1_764_000_000_000L;
        long[] now = {t0 + 1_400};
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now[0]);
            }
        };
        try (SamplingLoop loop = new SamplingLoop(List.of(new FleetSimulator(new FleetLayout("s", "h", 1, 1, 1, 1), 1)),
                sink, clock, SECOND, Duration.ofMillis(370), new CollectorMetrics())) {
            assertThat(loop.tickTime(t0 + 1_400)).isEqualTo(t0 + 1_370);
            assertThat(loop.tickTime(t0 + 1_369)).isEqualTo(t0 + 370);
            assertThat(loop.tickTime(t0 + 1_370)).isEqualTo(t0 + 1_370);
            IntStream.range(0, 3).forEach(k -> {
                now[0] = t0 + 1_371 + k * 1_000L;
                loop.tick();
            });
        }
        assertThat(stamped).containsExactly(t0 + 1_370, t0 + 2_370, t0 + 3_370);
        assertThatThrownBy(() -> new SamplingLoop(List.of(), null, Clock.systemUTC(), SECOND, SECOND, new CollectorMetrics()))
                .hasMessageContaining("phase must be in [0, interval)");
    }
}
