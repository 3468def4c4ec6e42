package io.thermalwatch.collector.smi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermalwatch.collector.H100Probe;
import io.thermalwatch.model.ClockEventReasons;
import io.thermalwatch.model.GpuReading;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NvidiaSmiXmlTest {

    /** One row of nvidia-smi/expected.psv. */
    record Expected(String file, int index, String uuid, Double powerW, Double gpuTempC, Double hbmTempC,
                    Integer smClockMhz, Long reasons, Double utilPct, Double powerLimitW, Double slowdownC,
                    Double shutdownC, Double gpuMaxC, Double hbmMaxC) {
        @Override
        public String toString() {
            return file + "#" + index;
        }
    }

    static Stream<Expected> expected() throws IOException {
        List<Expected> rows = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(NvidiaSmiXmlTest.class.getResourceAsStream("/nvidia-smi/expected.psv"))) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
            for (String line : lines) {
                String[] f = line.split("\\|", -1);
                rows.add(new Expected(f[0], Integer.parseInt(f[1]), f[2], d(f[3]), d(f[4]), d(f[5]),
                        f[6].isEmpty() ? null : Integer.valueOf(f[6]), f[7].isEmpty() ? null : Long.valueOf(f[7]),
                        d(f[8]), d(f[9]), d(f[10]), d(f[11]), d(f[12]), d(f[13])));
            }
        }
        return rows.stream();
    }

    private static Double d(String s) {
        return s.isEmpty() ? null : Double.valueOf(s);
    }

    static List<SmiGpu> parse(String file) throws IOException {
        try (InputStream in = NvidiaSmiXmlTest.class.getResourceAsStream("/nvidia-smi/" + file)) {
            return NvidiaSmiXml.parse(Objects.requireNonNull(in, file));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expected")
    void readsEveryValueOfEveryFixture(Expected e) throws IOException {
        SmiGpu gpu = parse(e.file()).get(e.index());
        assertThat(gpu.uuid()).isEqualTo(e.uuid());
        assertThat(gpu.powerW()).as("power W").isEqualTo(e.powerW());
        assertThat(gpu.gpuTempC()).as("GPU temp").isEqualTo(e.gpuTempC());
        assertThat(gpu.hbmTempC()).as("HBM temp").isEqualTo(e.hbmTempC());
        assertThat(gpu.smClockMhz()).as("SM clock").isEqualTo(e.smClockMhz());
        assertThat(gpu.clockEventReasons()).as("clock-event reasons").isEqualTo(e.reasons());
        assertThat(gpu.utilizationPct()).as("utilisation").isEqualTo(e.utilPct());
        assertThat(gpu.powerLimitW()).as("power limit").isEqualTo(e.powerLimitW());
        // these captures are of idle, steady GPUs: there gpu_temp + gpu_temp_tlimit is T.Limit
        Double tLimitC = gpu.tLimit() == null ? null : gpu.gpuTempC() + gpu.tLimit().marginC();
        Optional<GpuReading> r = gpu.toReading(tLimitC);
        assertThat(r.isPresent() ? r.get().slowdownTempC() : gpu.slowdownTempC()).as("slowdown").isEqualTo(e.slowdownC());
        assertThat(r.isPresent() ? r.get().shutdownTempC() : gpu.shutdownTempC()).as("shutdown").isEqualTo(e.shutdownC());
        assertThat(r.isPresent() ? r.get().gpuMaxTempC() : gpu.gpuMaxTempC()).as("GPU max").isEqualTo(e.gpuMaxC());
        assertThat(r.isPresent() ? r.get().hbmMaxTempC() : gpu.hbmMaxTempC()).as("HBM max").isEqualTo(e.hbmMaxC());
        assertThat(gpu.toReading().isPresent()).as("publishable").isEqualTo(e.powerW() != null && e.gpuTempC() != null);
    }

    @Test
    void everyFixtureIsCovered() throws IOException {
        assertThat(expected().map(Expected::file).distinct()).hasSize(22);
        assertThat(parse("dual_a5000-v13.xml")).hasSize(2);
    }

    @Test
    void realH100ThresholdsComeFromTheTLimitLayoutAndMatchNvml() throws IOException {
        SmiGpu h100 = parse("h100-q-idle.xml").get(0);
        assertThat(h100.productName()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(h100.slowdownTempC()).as("v13 has no absolute thresholds").isNull();
        assertThat(h100.tLimit()).isEqualTo(new SmiGpu.TLimitLayout(56.0, -8.0, -2.0, 0.0));
        // idle and steady: 31 + 56 = 87 is T.Limit; the result must be what NVML said on the same card
        GpuReading reading = h100.toReading(31.0 + 56.0).orElseThrow();
        Map<String, Double> nvml = H100Probe.thresholds();
        assertThat(reading.slowdownTempC()).isEqualTo(nvml.get("SLOWDOWN"));
        assertThat(reading.shutdownTempC()).isEqualTo(nvml.get("SHUTDOWN"));
        assertThat(reading.gpuMaxTempC()).isEqualTo(nvml.get("GPU_MAX"));
        assertThat(reading.hbmMaxTempC()).as("the memory T.Limit offset is not an HBM temperature").isNull();
        assertThat(h100.toReading().orElseThrow().slowdownTempC()).as("no T.Limit: no thresholds").isNull();
        assertThat(reading.clockEventReasons()).isEqualTo(ClockEventReasons.GPU_IDLE);
        assertThat(reading.hbmTempC()).isEqualTo(34.0);
    }

    @Test
    void loadedCaptureReadsAsCapturedAndItsNaiveSumIsTheWrongTLimit() throws IOException {
        SmiGpu loaded = parse("h100-q-loaded.xml").get(0);
        assertThat(loaded.gpuTempC()).isEqualTo(62.0);
        assertThat(loaded.tLimit().marginC()).isEqualTo(35.0);
        assertThat(loaded.averagePowerW()).isEqualTo(252.37);
        assertThat(loaded.instantPowerW()).isEqualTo(702.84);
        assertThat(loaded.clockEventReasons()).isEqualTo(ClockEventReasons.SW_POWER_CAP);
        // what the source published before: 99/105/97, 10 °C above NVML's 89/95/87
        GpuReading naive = loaded.toReading(loaded.gpuTempC() + loaded.tLimit().marginC()).orElseThrow();
        assertThat(naive.slowdownTempC()).isEqualTo(H100Probe.thresholds().get("SLOWDOWN") + 10);
    }

    @Test
    void reasonsThatAreAllNotAvailableAreUnknownNotZero() throws IOException {
        String xml = "<nvidia_smi_log><gpu><uuid>GPU-1</uuid><clocks_event_reasons>"
                + "<clocks_event_reason_gpu_idle>N/A</clocks_event_reason_gpu_idle>"
                + "<clocks_event_reason_hw_slowdown>N/A</clocks_event_reason_hw_slowdown>"
                + "</clocks_event_reasons></gpu></nvidia_smi_log>";
        SmiGpu gpu = NvidiaSmiXml.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).get(0);
        assertThat(gpu.clockEventReasons()).isNull();
    }

    @Test
    void migGpuIsReadAsOnePhysicalGpu() throws IOException {
        List<SmiGpu> gpus = parse("a100-sxm4-v12.xml");
        assertThat(gpus).singleElement().satisfies(g -> {
            assertThat(g.migEnabled()).isTrue();
            assertThat(g.utilizationPct()).isNull(); // N/A under MIG
            assertThat(g.hbmTempC()).isEqualTo(44.0);
        });
    }

    @Test
    void cardWithoutPowerReadingIsNotPublishable() throws IOException {
        SmiGpu gt1030 = parse("gt-1030.xml").get(0);
        assertThat(gt1030.toReading()).isEmpty();
        assertThat(gt1030.missingRequired()).contains("power");
    }

    @Test
    void rejectsWhatIsNotNvidiaSmiXml() {
        assertThatThrownBy(() -> NvidiaSmiXml.parse(new ByteArrayInputStream("<html/>".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class).hasMessageContaining("root element is <html>");
        assertThatThrownBy(() -> NvidiaSmiXml.parse(new ByteArrayInputStream("NVIDIA-SMI has failed".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class).hasMessageContaining("not nvidia-smi XML");
    }
}
