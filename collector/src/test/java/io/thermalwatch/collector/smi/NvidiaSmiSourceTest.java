package io.thermalwatch.collector.smi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.thermalwatch.collector.CollectorMetrics;
import io.thermalwatch.collector.H100Probe;
import io.thermalwatch.collector.NodeIdentity;
import io.thermalwatch.collector.TelemetryBatch;
import io.thermalwatch.collector.UnsupportedReadings;
import io.thermalwatch.model.GpuReading;
import io.thermalwatch.model.NodeSample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source runs a real process; here the process prints a captured {@code nvidia-smi -q -x}. */
class NvidiaSmiSourceTest {

    private static final NodeIdentity NODE = new NodeIdentity("s1", "h1", "r03", "r03-k07", "gpu-node-12");

    private static Path copy(Path dir, String fixture) throws IOException {
        Path file = dir.resolve(fixture);
        try (InputStream in = Objects.requireNonNull(NvidiaSmiSourceTest.class.getResourceAsStream("/nvidia-smi/" + fixture))) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void runsTheCommandAndMakesOneNodeSample(@TempDir Path dir) throws IOException {
        Path xml = copy(dir, "dual_a5000-v13.xml");
        NvidiaSmiSource source = new NvidiaSmiSource(List.of("cat", xml.toString()), Duration.ofSeconds(10), NODE,
                new UnsupportedReadings("nvidia-smi", new CollectorMetrics()));
        TelemetryBatch batch = source.read(1_790_000_000_000L);
        NodeSample sample = batch.nodes().get(0);
        assertThat(sample.rack()).isEqualTo("r03-k07");
        assertThat(sample.node()).isEqualTo("gpu-node-12");
        assertThat(sample.eventMs()).isEqualTo(1_790_000_000_000L);
        assertThat(sample.gpus()).extracting(g -> g.powerW()).containsExactly(6.41, 13.6);
    }

    @Test
    void gpuWithoutPowerIsCountedNotPublished(@TempDir Path dir) throws IOException {
        Path xml = copy(dir, "gt-1030.xml");
        CollectorMetrics metrics = new CollectorMetrics();
        NvidiaSmiSource source = new NvidiaSmiSource(List.of("cat", xml.toString()), Duration.ofSeconds(10), NODE,
                new UnsupportedReadings("nvidia-smi", metrics));
        assertThat(source.read(1L).nodes()).isEmpty();
        source.read(2L);
        assertThat(metrics.prometheusText()).contains("thermalwatch_collector_unsupported_total{source=\"nvidia-smi\"} 2");
    }

    @Test
    void failingCommandFailsTheReadWithItsMessage() {
        NvidiaSmiSource source = new NvidiaSmiSource(List.of("sh", "-c", "echo 'NVIDIA-SMI has failed' >&2; exit 9"),
                Duration.ofSeconds(10), NODE, new UnsupportedReadings("nvidia-smi", new CollectorMetrics()));
        assertThatThrownBy(() -> source.read(1L)).hasMessageContaining("exit code 9: NVIDIA-SMI has failed");
    }

    @Test
    void hungCommandTimesOut() {
        NvidiaSmiSource source = new NvidiaSmiSource(List.of("sleep", "30"), Duration.ofMillis(300), NODE,
                new UnsupportedReadings("nvidia-smi", new CollectorMetrics()));
        long start = System.nanoTime();
        assertThatThrownBy(() -> source.read(1L)).hasMessageContaining("timed out after 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    /** One tick of nvidia-smi/h100-loaded-ticks.csv: °C and W as nvidia-smi prints them. */
    record Tick(double gpuTempC, double marginC, double averageW, double instantW) {
    }

    /** The loaded capture first (the collector starts on a busy card), then the load and cool-down ticks. */
    private static List<Tick> loadedTicks() throws IOException {
        List<Tick> ticks = new ArrayList<>(List.of(new Tick(62, 35, 252.37, 702.84)));
        try (InputStream in = Objects.requireNonNull(NvidiaSmiSourceTest.class.getResourceAsStream("/nvidia-smi/h100-loaded-ticks.csv"))) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList()) {
                String[] f = line.split(",");
                if (Double.parseDouble(f[0]) >= 21) { // from the load step on: no idle ticks to lean on
                    ticks.add(new Tick(Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                            Double.parseDouble(f[4])));
                }
            }
        }
        return ticks;
    }

    private static String tickXml(String loaded, Tick t) {
        return loaded.replace("<gpu_temp>62 C</gpu_temp>", "<gpu_temp>" + (int) t.gpuTempC() + " C</gpu_temp>")
                .replace("<gpu_temp_tlimit>35 C</gpu_temp_tlimit>", "<gpu_temp_tlimit>" + (int) t.marginC() + " C</gpu_temp_tlimit>")
                .replace("<average_power_draw>252.37 W</average_power_draw>", "<average_power_draw>" + t.averageW() + " W</average_power_draw>")
                .replace("<instant_power_draw>702.84 W</instant_power_draw>", "<instant_power_draw>" + t.instantW() + " W</instant_power_draw>");
    }

    @Test
    void thresholdsOnALoadedChangingH100StayWithinOneDegreeOfNvml(@TempDir Path dir) throws IOException {
        Map<String, Double> nvml = H100Probe.thresholds();
        String loaded = Files.readString(copy(dir, "h100-q-loaded.xml"));
        Path xml = dir.resolve("tick.xml");
        NvidiaSmiSource source = new NvidiaSmiSource(List.of("cat", xml.toString()), Duration.ofSeconds(10), NODE,
                new UnsupportedReadings("nvidia-smi", new CollectorMetrics()));
        List<Tick> ticks = loadedTicks();
        int withheld = 0;
        double naiveWorst = 0;
        double worst = 0;
        GpuReading last = null;
        for (int i = 0; i < ticks.size(); i++) {
            Tick t = ticks.get(i);
            Files.writeString(xml, tickXml(loaded, t));
            GpuReading r = source.read(1_790_000_000_000L + i * 1000L).nodes().get(0).gpus().get(0);
            assertThat(r.gpuTempC()).isEqualTo(t.gpuTempC());
            naiveWorst = Math.max(naiveWorst, Math.abs(t.gpuTempC() + t.marginC() - 2 - nvml.get("SLOWDOWN")));
            if (r.slowdownTempC() == null) {
                assertThat(r.shutdownTempC()).isNull();
                assertThat(r.gpuMaxTempC()).isNull();
                withheld++;
            } else {
                worst = Math.max(worst, Math.abs(r.slowdownTempC() - nvml.get("SLOWDOWN")));
                assertThat(r.slowdownTempC()).as("tick %d slowdown", i).isCloseTo(nvml.get("SLOWDOWN"), within(1.0));
                assertThat(r.shutdownTempC()).as("tick %d shutdown", i).isCloseTo(nvml.get("SHUTDOWN"), within(1.0));
                assertThat(r.gpuMaxTempC()).as("tick %d GPU max", i).isCloseTo(nvml.get("GPU_MAX"), within(1.0));
            }
            last = r;
        }
        System.out.printf("nvidia-smi T.Limit on a loaded H100: %d ticks, thresholds withheld on %d, worst published slowdown"
                + " error %.1f °C, worst naive (gpu_temp + margin) error %.1f °C%n", ticks.size(), withheld, worst, naiveWorst);
        assertThat(naiveWorst).as("the fixture reproduces the disagreement").isGreaterThanOrEqualTo(10);
        assertThat(withheld).as("the loaded first ticks publish nothing rather than a guess").isBetween(1, 10);
        assertThat(last.slowdownTempC()).as("converged").isEqualTo(nvml.get("SLOWDOWN"));
        assertThat(last.shutdownTempC()).isEqualTo(nvml.get("SHUTDOWN"));
        assertThat(last.gpuMaxTempC()).isEqualTo(nvml.get("GPU_MAX"));
    }

    @Test
    void perModelOverrideGivesThresholdsFromTheFirstLoadedTick(@TempDir Path dir) throws IOException {
        Path xml = copy(dir, "h100-q-loaded.xml");
        NvidiaSmiSource source = new NvidiaSmiSource(List.of("cat", xml.toString()), Duration.ofSeconds(10), NODE,
                new UnsupportedReadings("nvidia-smi", new CollectorMetrics()),
                TLimitEstimator.parseOverrides("NVIDIA RTX 4000 SFF Ada Generation=87; nvidia h100 80gb hbm3 = 87"));
        GpuReading r = source.read(1L).nodes().get(0).gpus().get(0);
        assertThat(r.slowdownTempC()).isEqualTo(89.0);
        assertThat(r.shutdownTempC()).isEqualTo(95.0);
        assertThat(r.gpuMaxTempC()).isEqualTo(87.0);
    }

    @Test
    void badOverrideFailsNamingTheSettingAndTheForm() {
        for (String bad : List.of("NVIDIA H100 80GB HBM3", "NVIDIA H100 80GB HBM3=hot", "=87", "NVIDIA H100 80GB HBM3=300")) {
            assertThatThrownBy(() -> TLimitEstimator.parseOverrides(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("TW_SMI_TLIMIT_C").hasMessageContaining("MODEL=°C with °C in 40..150");
        }
        assertThat(TLimitEstimator.parseOverrides("")).isEmpty();
    }
}
