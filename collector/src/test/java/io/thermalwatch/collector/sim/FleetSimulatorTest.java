package io.thermalwatch.collector.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermalwatch.model.GpuReading;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.NodeSampleJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetSimulatorTest {

    private static final long T0 = 1_790_000_000_000L;
    private static final FleetLayout LAYOUT = new FleetLayout("ams1", "h1", 3, 2, 18, 4);

    private static List<byte[]> run(long seed, int ticks) {
        FleetSimulator sim = new FleetSimulator(LAYOUT, seed);
        List<byte[]> out = new ArrayList<>();
        for (int t = 0; t < ticks; t++) {
            sim.read(T0 + t * 1000L).nodes().forEach(s -> out.add(NodeSampleJson.write(s)));
        }
        return out;
    }

    @Test
    void sameSeedGivesTheSameSamplesByteForByte() {
        assertThat(run(7, 30)).usingElementComparator(java.util.Arrays::compare).containsExactlyElementsOf(run(7, 30));
    }

    @Test
    void differentSeedGivesDifferentSamples() {
        assertThat(run(7, 5)).usingElementComparator(java.util.Arrays::compare).isNotEqualTo(run(8, 5));
    }

    @Test
    void coversTheLayoutWithStableIds() {
        List<NodeSample> tick = new FleetSimulator(LAYOUT, 1).read(T0).nodes();
        assertThat(tick).hasSize(3 * 18);
        assertThat(tick).allSatisfy(s -> assertThat(s.gpus()).hasSize(4));
        assertThat(tick.get(0).rack()).isEqualTo("r01-k01");
        assertThat(tick.get(0).node()).isEqualTo("r01-k01-n01");
        assertThat(tick.get(18).rack()).isEqualTo("r01-k02");
        assertThat(tick.get(36).rack()).isEqualTo("r02-k01");
        assertThat(tick.get(36).row()).isEqualTo("r02");
        assertThat(tick).allSatisfy(s -> assertThat(s.eventMs()).isEqualTo(T0));
        assertThat(tick.stream().flatMap(s -> s.gpus().stream()).map(GpuReading::uuid).distinct()).hasSize(3 * 18 * 4);
    }

    @Test
    void powerStaysBetweenIdleAndLimitAndTemperatureFollowsPower() {
        FleetSimulator sim = new FleetSimulator(LayoutOfOneBigRack.LAYOUT, 3);
        List<GpuReading> all = new ArrayList<>();
        for (int t = 0; t < 600; t++) {
            sim.read(T0 + t * 1000L).nodes().forEach(s -> all.addAll(s.gpus()));
        }
        assertThat(all).allSatisfy(g -> assertThat(g.powerW()).isBetween(37.5, SimulatedGpu.LIMIT_W));
        double hotMean = all.stream().filter(g -> g.powerW() > 1000).mapToDouble(GpuReading::gpuTempC).average().orElseThrow();
        double idleMean = all.stream().filter(g -> g.powerW() < 100).mapToDouble(GpuReading::gpuTempC).average().orElseThrow();
        assertThat(idleMean).isBetween(30.0, 40.0);
        assertThat(hotMean).isBetween(55.0, 75.0);
        // loads change over ten minutes: both idle and busy GPUs were seen
        assertThat(all).anySatisfy(g -> assertThat(g.utilizationPct()).isZero());
        assertThat(all).anySatisfy(g -> assertThat(g.utilizationPct()).isGreaterThan(50.0));
    }

    @Test
    void rejectsImpossibleLayouts() {
        assertThatThrownBy(() -> new FleetLayout("s", "h", 0, 8, 18, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FleetLayout("s", "h", 1, 8, 18, 65)).isInstanceOf(IllegalArgumentException.class);
    }

    private static final class LayoutOfOneBigRack {
        static final FleetLayout LAYOUT = new FleetLayout("s", "h", 1, 1, 18, 4);
    }
}
