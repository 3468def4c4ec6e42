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
import io.thermalwatch.model.NodeSampleJson;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JNA binding against stand-in libnvidia-ml.so variants compiled from C for this test (no GPU
 * here): a current driver, one with only the old calls, one with only the new calls, one whose old
 * threshold call answers NOT_SUPPORTED, and a Grace-Blackwell module; every value checked. On a GPU
 * node the same source loads the driver's library.
 */
class NvmlSourceTest {

    private static final NodeIdentity NODE = new NodeIdentity("s1", "h1", "r01", "r01-k01", "gpu-node-1");
    private static final Map<String, String> VARIANTS = Map.of("current", "", "old-only", "-DNO_NEW_CALLS",
            "new-only", "-DNO_OLD_CALLS", "old-threshold-unsupported", "-DOLD_THRESHOLD_UNSUPPORTED",
            "module-power", "-DMODULE_POWER");

    /** The stand-in's test controls. */
    public interface FakeControls extends Library {
        int fake_nvml_energy_calls();

        int fake_nvml_old_temperature_calls();

        void fake_nvml_lose_gpu(int index);

        void fake_nvml_reasons_unsupported(int on);

        void fake_nvml_fail_count(int on);

        void fake_nvml_temperature_drift(int on);

        int fake_nvml_initialized();
    }

    @TempDir
    static Path dir;
    static final Map<String, Path> LIBRARIES = new HashMap<>();
    private static int copies;

    @BeforeAll
    static void compile() throws Exception {
        Path source = dir.resolve("fake_nvml.c");
        try (InputStream in = Objects.requireNonNull(NvmlSourceTest.class.getResourceAsStream("/nvml/fake_nvml.c"))) {
            Files.copy(in, source);
        }
        for (Map.Entry<String, String> variant : VARIANTS.entrySet()) {
            Path library = dir.resolve("libnvidia-ml-" + variant.getKey() + ".so");
            List<String> cmd = new ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-O1", "-Wall", "-Werror"));
            if (!variant.getValue().isEmpty()) {
                cmd.add(variant.getValue());
            }
            cmd.addAll(List.of("-o", library.toString(), source.toString()));
            Process gcc;
            try {
                gcc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("gcc is needed to build the stand-in NVML: apt-get install gcc", e);
            }
            String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(gcc.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(gcc.exitValue()).as(variant.getKey() + ": " + out).isZero();
            LIBRARIES.put(variant.getKey(), library);
        }
    }

    /** A fresh copy of a variant: a separately loaded copy has its own state. */
    private static Path copy(String variant) throws java.io.IOException {
        return Files.copy(LIBRARIES.get(variant), dir.resolve("copy-" + (++copies) + "-" + variant + ".so"));
    }

    private static NvmlSource open(Path library, CollectorMetrics metrics) {
        return NvmlSource.open(library.toString(), NODE, Duration.ofSeconds(10), new UnsupportedReadings("nvml", metrics));
    }

    private static String unsupportedCount(CollectorMetrics metrics) {
        return metrics.prometheusText().lines().filter(l -> l.startsWith("thermalwatch_collector_unsupported_total{source=\"nvml\"}"))
                .findFirst().orElse("none");
    }

    /** GPU 0: the real H100 of nvml-probe.txt, whichever calls answered. */
    private static void assertH100(GpuReading h100, Double hbmMaxC) {
        assertThat(h100.uuid()).isEqualTo("GPU-a5298e70-64b1-d71b-34e5-da9d5c1d3eb5");
        assertThat(h100.model()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(h100.powerW()).isEqualTo(93.501);
        assertThat(h100.gpuTempC()).isEqualTo(31.0);
        assertThat(h100.hbmTempC()).as("field 82, 4-byte value over junk").isEqualTo(34.0);
        assertThat(h100.smClockMhz()).isEqualTo(885);
        assertThat(h100.clockEventReasons()).isEqualTo(ClockEventReasons.GPU_IDLE);
        assertThat(h100.utilizationPct()).isEqualTo(0.0);
        assertThat(h100.powerLimitW()).isEqualTo(700.0);
        assertThat(h100.shutdownTempC()).as("shutdown").isEqualTo(95.0);
        assertThat(h100.slowdownTempC()).as("slowdown").isEqualTo(89.0);
        assertThat(h100.gpuMaxTempC()).as("GPU max").isEqualTo(87.0);
        assertThat(h100.hbmMaxTempC()).as("HBM max").isEqualTo(hbmMaxC);
        assertThat(h100.energyMj()).isEqualTo(2_207_525L + 7_436L);
        assertThat(h100.modulePowerW()).as("not a Grace module").isNull();
    }

    /** GPU 1: a GB200-like GPU without HBM temperature or HBM threshold. */
    private static void assertSecond(GpuReading second) {
        assertThat(second.model()).isEqualTo("NVIDIA GB200");
        assertThat(second.powerW()).isEqualTo(1187.412);
        assertThat(second.gpuTempC()).isEqualTo(58.0);
        assertThat(second.hbmTempC()).as("not supported: missing, not zero").isNull();
        assertThat(second.smClockMhz()).isEqualTo(1980);
        assertThat(second.clockEventReasons()).isEqualTo(0x24L);
        assertThat(second.thermallyThrottled()).isTrue();
        assertThat(second.utilizationPct()).isEqualTo(97.0);
        assertThat(second.powerLimitW()).isEqualTo(1200.0);
        assertThat(second.shutdownTempC()).isEqualTo(97.0);
        assertThat(second.slowdownTempC()).isEqualTo(90.0);
        assertThat(second.gpuMaxTempC()).isEqualTo(87.0);
        assertThat(second.hbmMaxTempC()).isNull();
    }

    private static NodeSample readOnce(NvmlSource source) {
        return source.read(1_790_000_000_000L).nodes().get(0);
    }

    @Test
    void currentDriverReadsEveryFieldThroughTheNewCalls() throws Exception {
        Path lib = copy("current");
        FakeControls fake = Native.load(lib.toString(), FakeControls.class);
        CollectorMetrics metrics = new CollectorMetrics();
        try (NvmlSource source = open(lib, metrics)) {
            assertThat(source.gpus()).extracting(NvmlGpu::serial).containsExactly("1652824026573", "0000000000001");
            NodeSample sample = readOnce(source);
            assertThat(sample.node()).isEqualTo("gpu-node-1");
            assertH100(sample.gpus().get(0), 95.0);
            assertSecond(sample.gpus().get(1));
            assertThat(sample.gpus().get(1).modulePowerW()).isNull();
            assertThat(fake.fake_nvml_old_temperature_calls()).as("nvmlDeviceGetTemperatureV preferred").isZero();
            // GPU 1: HBM max threshold once at start, HBM temperature on the one tick
            assertThat(unsupportedCount(metrics)).endsWith(" 2");
        }
    }

    @Test
    void driverWithOnlyTheOldCallsReadsTheSameValues() throws Exception {
        Path lib = copy("old-only");
        FakeControls fake = Native.load(lib.toString(), FakeControls.class);
        try (NvmlSource source = open(lib, new CollectorMetrics())) {
            NodeSample sample = readOnce(source);
            assertH100(sample.gpus().get(0), 95.0);
            assertSecond(sample.gpus().get(1));
            assertThat(fake.fake_nvml_old_temperature_calls()).as("fell back to nvmlDeviceGetTemperature").isEqualTo(2);
        }
    }

    @Test
    void driverWithOnlyTheNewCallsTakesThresholdsFromTheTLimitFields() throws Exception {
        Path lib = copy("new-only");
        CollectorMetrics metrics = new CollectorMetrics();
        try (NvmlSource source = open(lib, metrics)) {
            NodeSample sample = readOnce(source);
            // T.Limit 31 + 56 = 87 °C; offsets -8/-2/0 over junk bytes; no HBM max without the old call
            assertH100(sample.gpus().get(0), null);
            assertSecond(sample.gpus().get(1));
            // HBM max of both GPUs at start (reported once), GPU 1's HBM temperature on the tick
            assertThat(unsupportedCount(metrics)).endsWith(" 3");
        }
    }

    @Test
    void oldThresholdCallNotSupportedFallsBackToTheTLimitFieldsReportedOnce() throws Exception {
        Path lib = copy("old-threshold-unsupported");
        CollectorMetrics metrics = new CollectorMetrics();
        try (NvmlSource source = open(lib, metrics)) {
            assertThat(unsupportedCount(metrics)).as("HBM max of both GPUs, at start").endsWith(" 2");
            NodeSample sample = readOnce(source);
            assertH100(sample.gpus().get(0), null);
            assertSecond(sample.gpus().get(1));
            source.read(1_790_000_001_000L);
            source.read(1_790_000_002_000L);
            assertThat(unsupportedCount(metrics)).as("thresholds not reported again; GPU 1 HBM temperature per tick")
                    .endsWith(" 5");
        }
    }

    @Test
    void tLimitIsNotGuessedWhileTheTemperatureMovesBetweenReads() throws Exception {
        Path lib = copy("new-only");
        FakeControls fake = Native.load(lib.toString(), FakeControls.class);
        fake.fake_nvml_temperature_drift(1);
        CollectorMetrics metrics = new CollectorMetrics();
        try (NvmlSource source = open(lib, metrics)) {
            assertThat(source.gpus()).allSatisfy(g -> {
                assertThat(g.shutdownC()).isNull();
                assertThat(g.slowdownC()).isNull();
                assertThat(g.gpuMaxC()).isNull();
            });
            // shutdown, slowdown, GPU max and HBM max of both GPUs, once each at start
            assertThat(unsupportedCount(metrics)).endsWith(" 8");
        }
    }

    @Test
    void graceBlackwellModulePowerIsPublishedAndCountsAgainstTheBudget() throws Exception {
        Path lib = copy("module-power");
        try (NvmlSource source = open(lib, new CollectorMetrics())) {
            NodeSample sample = readOnce(source);
            assertH100(sample.gpus().get(0), 95.0);
            GpuReading gb200 = sample.gpus().get(1);
            assertSecond(gb200);
            assertThat(gb200.powerW()).as("GPU only").isEqualTo(1187.412);
            assertThat(gb200.modulePowerW()).as("module scope, 1 s average").isEqualTo(1421.53);
            assertThat(gb200.budgetPowerW()).isEqualTo(1421.53);
            String json = new String(NodeSampleJson.write(sample), StandardCharsets.UTF_8);
            assertThat(json).contains("\"modulePowerW\":1421.53");
        }
    }

    @Test
    void unsupportedClockEventReasonsAreAbsentNotZero() throws Exception {
        Path lib = copy("current");
        FakeControls fake = Native.load(lib.toString(), FakeControls.class);
        fake.fake_nvml_reasons_unsupported(1);
        try (NvmlSource source = open(lib, new CollectorMetrics())) {
            NodeSample sample = readOnce(source);
            assertThat(sample.gpus()).extracting(GpuReading::clockEventReasons).containsOnlyNulls();
            assertThat(new String(NodeSampleJson.write(sample), StandardCharsets.UTF_8)).doesNotContain("clockEventReasons");
        }
    }

    @Test
    void startFailureAfterInitShutsNvmlDownAndSaysWhy() throws Exception {
        Path lib = copy("current");
        FakeControls fake = Native.load(lib.toString(), FakeControls.class);
        fake.fake_nvml_fail_count(1);
        assertThatThrownBy(() -> open(lib, new CollectorMetrics()))
                .hasMessage("nvmlDeviceGetCount_v2 failed: Driver Not Loaded (NVML error 9)");
        assertThat(fake.fake_nvml_initialized()).as("nvmlShutdown after the failed start").isZero();
    }

    @Test
    void readsTheSlowEnergyCounterOnlyEveryInterval() throws Exception {
        Path lib = copy("current");
        FakeControls fake = Native.load(lib.toString(), FakeControls.class);
        try (NvmlSource source = open(lib, new CollectorMetrics())) {
            int before = fake.fake_nvml_energy_calls();
            long t0 = 1_790_000_000_000L;
            List<Long> energy = new ArrayList<>();
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
    void aLostGpuIsReportedAndTheOthersGoOn() throws Exception {
        Path lib = copy("current");
        FakeControls fake = Native.load(lib.toString(), FakeControls.class);
        try (NvmlSource source = open(lib, new CollectorMetrics())) {
            assertThat(source.read(1L).nodes().get(0).gpus()).hasSize(2);
            fake.fake_nvml_lose_gpu(1);
            assertThat(source.read(2L).nodes().get(0).gpus()).extracting(GpuReading::index).containsExactly(0);
            assertThat(source.read(3L).nodes().get(0).gpus()).extracting(GpuReading::index).containsExactly(0);
        }
        assertThat(fake.fake_nvml_initialized()).as("closed with nvmlShutdown").isZero();
    }

    @Test
    void missingLibraryFailsSayingWhatToCheck() {
        assertThatThrownBy(() -> NvmlSource.open(dir.resolve("no-such-libnvidia-ml.so").toString(), NODE,
                Duration.ofSeconds(10), new UnsupportedReadings("nvml", new CollectorMetrics())))
                .hasMessageContaining("NVIDIA driver installed").hasMessageContaining("TW_NVML_LIBRARY")
                .hasMessageNotContaining("':\n").satisfies(e -> assertThat(e.getMessage()).doesNotEndWith(":"));
    }
}
