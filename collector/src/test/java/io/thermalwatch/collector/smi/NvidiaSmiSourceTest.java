package io.thermalwatch.collector.smi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermalwatch.collector.CollectorMetrics;
import io.thermalwatch.collector.NodeIdentity;
import io.thermalwatch.collector.TelemetryBatch;
import io.thermalwatch.collector.UnsupportedReadings;
import io.thermalwatch.model.NodeSample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
}
