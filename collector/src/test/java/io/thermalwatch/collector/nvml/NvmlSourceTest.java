package io.thermalwatch.collector.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.thermalwatch.collector.CollectorMetrics;
import io.thermalwatch.collector.NodeIdentity;
import io.thermalwatch.collector.UnsupportedReadings;
import io.thermalwatch.model.ClockEventReasons;
import io.thermalwatch.model.GpuReading;
import io.thermalwatch.model.NodeSample;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JNA binding against a stand-in libnvidia-ml.so compiled from C for this test (no GPU here);
 * on a GPU node the same source loads the driver's library.
 */
class NvmlSourceTest {

    private static final NodeIdentity NODE = new NodeIdentity("s1", "h1", "r01", "r01-k01", "gpu-node-1");

    /** The stand-in's test controls. */
    public interface FakeControls extends Library {
        int fake_nvml_energy_calls();

        void fake_nvml_lose_gpu(int index);

        int fake_nvml_initialized();
    }

    @TempDir
    static Path dir;
    static Path library;

    @BeforeAll
    static void compile() throws Exception {
        Path source = dir.resolve("fake_nvml.c");
        try (InputStream in = Objects.requireNonNull(NvmlSourceTest.class.getResourceAsStream("/nvml/fake_nvml.c"))) {
            Files.copy(in, source);
        }
        library = dir.resolve("libnvidia-ml.so");
        Process gcc;
        try {
            gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-O1", "-o", library.toString(), source.toString())
                    .redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("gcc is needed to build the stand-in NVML: apt-get install gcc", e);
        }
        String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(gcc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(gcc.exitValue()).as(out).isZero();
    }

    private static int copies;
    /** This test's own copy of the library: a separately loaded copy has its own state. */
    private Path mine;

    @org.junit.jupiter.api.BeforeEach
    void ownCopy() throws java.io.IOException {
        mine = Files.copy(library, dir.resolve("libnvidia-ml-" + (++copies) + ".so"));
    }

    private NvmlSource open(CollectorMetrics metrics, Duration energyInterval) {
        return NvmlSource.open(mine.toString(), NODE, energyInterval, new UnsupportedReadings("nvml", metrics));
    }

    @Test
    void readsEveryFieldOfEachGpuThroughTheRealBinding() {
        CollectorMetrics metrics = new CollectorMetrics();
        try (NvmlSource source = open(metrics, Duration.ofSeconds(10))) {
            assertThat(source.gpus()).extracting(NvmlGpu::serial).containsExactly("1652824026573", "0000000000001");
            NodeSample sample = source.read(1_790_000_000_000L).nodes().get(0);
            assertThat(sample.node()).isEqualTo("gpu-node-1");
            GpuReading h100 = sample.gpus().get(0);
            assertThat(h100.uuid()).isEqualTo("GPU-a5298e70-64b1-d71b-34e5-da9d5c1d3eb5");
            assertThat(h100.model()).isEqualTo("NVIDIA H100 80GB HBM3");
            assertThat(h100.powerW()).isEqualTo(93.501);
            assertThat(h100.gpuTempC()).isEqualTo(31.0);
            assertThat(h100.hbmTempC()).isEqualTo(34.0);
            assertThat(h100.smClockMhz()).isEqualTo(885);
            assertThat(h100.clockEventReasons()).isEqualTo(ClockEventReasons.GPU_IDLE);
            assertThat(h100.utilizationPct()).isEqualTo(0.0);
            assertThat(h100.powerLimitW()).isEqualTo(700.0);
            assertThat(h100.shutdownTempC()).isEqualTo(95.0);
            assertThat(h100.slowdownTempC()).isEqualTo(89.0);
            assertThat(h100.gpuMaxTempC()).isEqualTo(87.0);
            assertThat(h100.hbmMaxTempC()).isEqualTo(95.0);
            assertThat(h100.energyMj()).isEqualTo(2_207_525L + 7_436L);

            GpuReading second = sample.gpus().get(1);
            assertThat(second.powerW()).isEqualTo(1187.412);
            assertThat(second.hbmTempC()).as("not supported: missing, not zero").isNull();
            assertThat(second.hbmMaxTempC()).isNull();
            assertThat(second.thermallyThrottled()).isTrue();
            assertThat(metrics.prometheusText()).contains("thermalwatch_collector_unsupported_total{source=\"nvml\"} 1");
        }
    }

    @Test
    void readsTheSlowEnergyCounterOnlyEveryInterval() {
        FakeControls fake = Native.load(mine.toString(), FakeControls.class);
        try (NvmlSource source = open(new CollectorMetrics(), Duration.ofSeconds(10))) {
            int before = fake.fake_nvml_energy_calls();
            long t0 = 1_790_000_000_000L;
            List<Long> energy = new java.util.ArrayList<>();
            for (int tick = 0; tick < 25; tick++) {
                energy.add(source.read(t0 + tick * 1000L).nodes().get(0).gpus().get(0).energyMj());
            }
            assertThat(fake.fake_nvml_energy_calls() - before).as("2 GPUs at ticks 0, 10 and 20").isEqualTo(6);
            assertThat(energy.get(0)).isNotNull();
            assertThat(energy.get(1)).isNull();
            assertThat(energy.get(10)).isGreaterThan(energy.get(0));
        }
    }

    @Test
    void aLostGpuIsReportedAndTheOthersGoOn() {
        FakeControls fake = Native.load(mine.toString(), FakeControls.class);
        CollectorMetrics metrics = new CollectorMetrics();
        try (NvmlSource source = open(metrics, Duration.ofSeconds(10))) {
            assertThat(source.read(1L).nodes().get(0).gpus()).hasSize(2);
            fake.fake_nvml_lose_gpu(1);
            assertThat(source.read(2L).nodes().get(0).gpus()).extracting(GpuReading::index).containsExactly(0);
            assertThat(source.read(3L).nodes().get(0).gpus()).extracting(GpuReading::index).containsExactly(0);
        }
        assertThat(fake.fake_nvml_initialized()).as("closed with nvmlShutdown").isZero();
    }

    @Test
    void missingLibraryFailsNamingTheSetting() {
        assertThatThrownBy(() -> NvmlSource.open(dir.resolve("no-such-libnvidia-ml.so").toString(), NODE,
                Duration.ofSeconds(10), new UnsupportedReadings("nvml", new CollectorMetrics())))
                .hasMessageContaining("TW_NVML_LIBRARY");
    }
}
