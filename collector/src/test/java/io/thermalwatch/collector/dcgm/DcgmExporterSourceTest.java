package io.thermalwatch.collector.dcgm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.thermalwatch.collector.CollectorMetrics;
import io.thermalwatch.collector.NodeIdentity;
import io.thermalwatch.collector.TelemetryBatch;
import io.thermalwatch.collector.UnsupportedReadings;
import io.thermalwatch.model.GpuReading;
import io.thermalwatch.model.NodeSample;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DcgmExporterSourceTest {

    private static final NodeIdentity NODE = new NodeIdentity("s1", "h1", "r01", "r01-k01", "fallback-node");

    static String fixture(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(DcgmExporterSourceTest.class.getResourceAsStream("/dcgm-exporter/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "l4-1gpu-idle__kops-k8s-ai-conformance.prom, i-030791dc5a37cd257, GPU-c2f76b33-7953-256e-8f33-1343419b1a1c, NVIDIA L4, 16.365, 31, 210, 0",
        "l40s-1gpu-idle__upcloud-k8s-ai-conformance.prom, gpu1-wl8sg, GPU-5b4e07f6-3a86-4340-039d-25f2a83cdc43, NVIDIA L40S, 35.686, 32, 210, 0",
        "t4-1gpu-loaded__ericsson-ccd-k8s-ai-conformance.prom, cp-bm14r7, GPU-6d5c0ac5-74d7-3130-46f1-e93ed57f469a, Tesla T4, 68.244, 74, 660, 91",
    })
    void readsEachRealScrape(String file, String host, String uuid, String model, double powerW, double tempC,
                             int smClock, double util) throws IOException {
        List<DcgmScrape.HostGpus> hosts = DcgmScrape.read(fixture(file));
        assertThat(hosts).singleElement().satisfies(h -> assertThat(h.hostname()).isEqualTo(host));
        GpuReading r = hosts.get(0).gpus().get(0).toReading();
        assertThat(r.index()).isZero();
        assertThat(r.uuid()).isEqualTo(uuid);
        assertThat(r.model()).isEqualTo(model);
        assertThat(r.powerW()).isEqualTo(powerW);
        assertThat(r.gpuTempC()).isEqualTo(tempC);
        assertThat(r.smClockMhz()).isEqualTo(smClock);
        assertThat(r.utilizationPct()).isEqualTo(util);
        assertThat(r.hbmTempC()).as("these GDDR cards report memory temperature 0: missing").isNull();
    }

    @Test
    void blankSentinelsAreMissingNotReadings() {
        String scrape = """
                # HELP DCGM_FI_DEV_GPU_TEMP GPU temperature (in C).
                # TYPE DCGM_FI_DEV_GPU_TEMP gauge
                DCGM_FI_DEV_GPU_TEMP{gpu="0",UUID="GPU-a",modelName="NVIDIA H100 80GB HBM3",Hostname="n1"} 45
                DCGM_FI_DEV_POWER_USAGE{gpu="0",UUID="GPU-a",modelName="NVIDIA H100 80GB HBM3",Hostname="n1"} 312.5
                DCGM_FI_DEV_MEMORY_TEMP{gpu="0",UUID="GPU-a",modelName="NVIDIA H100 80GB HBM3",Hostname="n1"} 52
                DCGM_FI_DEV_SM_CLOCK{gpu="0",UUID="GPU-a",modelName="NVIDIA H100 80GB HBM3",Hostname="n1"} 2147483632
                DCGM_FI_DEV_CLOCK_THROTTLE_REASONS{gpu="0",UUID="GPU-a",modelName="NVIDIA H100 80GB HBM3",Hostname="n1"} 9223372036854775794
                DCGM_FI_DEV_POWER_MGMT_LIMIT{gpu="0",UUID="GPU-a",modelName="NVIDIA H100 80GB HBM3",Hostname="n1"} 140737488355328
                DCGM_FI_DEV_GPU_TEMP{gpu="1",UUID="GPU-b",modelName="NVIDIA H100 80GB HBM3",Hostname="n1"} 9223372036854775794
                DCGM_FI_DEV_POWER_USAGE{gpu="1",UUID="GPU-b",modelName="NVIDIA H100 80GB HBM3",Hostname="n1"} 100
                """;
        List<DcgmScrape.GpuFields> gpus = DcgmScrape.read(scrape).get(0).gpus();
        GpuReading a = gpus.get(0).toReading();
        assertThat(a.smClockMhz()).isNull();
        assertThat(a.clockEventReasons()).as("blank reasons are unknown, not \"not throttled\"").isNull();
        assertThat(a.powerLimitW()).isNull();
        assertThat(a.hbmTempC()).isEqualTo(52.0);
        assertThat(gpus.get(1).gpuTempC()).isNull();
        assertThat(gpus.get(1).toReading()).as("no GPU temperature: not publishable").isNull();
        assertThat(DcgmScrape.isBlank(9223372036854775794.0)).isTrue();
        assertThat(DcgmScrape.isBlank(15152422938.0)).isFalse();
    }

    @Test
    void readsTheThrottleReasonsBitmaskAndEscapedLabels() {
        String scrape = "DCGM_FI_DEV_GPU_TEMP{gpu=\"2\",UUID=\"GPU-c\",modelName=\"A \\\"quoted\\\" name\",Hostname=\"n2\"} 88\n"
                + "DCGM_FI_DEV_POWER_USAGE{gpu=\"2\",UUID=\"GPU-c\",modelName=\"x\",Hostname=\"n2\"} 700 1700000000000\n"
                + "DCGM_FI_DEV_CLOCKS_EVENT_REASONS{gpu=\"2\",UUID=\"GPU-c\",Hostname=\"n2\"} 96\n";
        GpuReading r = DcgmScrape.read(scrape).get(0).gpus().get(0).toReading();
        assertThat(r.index()).isEqualTo(2);
        assertThat(r.model()).isEqualTo("A \"quoted\" name");
        assertThat(r.clockEventReasons()).isEqualTo(96);
        assertThat(r.thermallyThrottled()).isTrue();
        assertThat(r.powerW()).isEqualTo(700.0);
    }

    @Test
    void rejectsWhatIsNotExpositionFormat() {
        assertThatThrownBy(() -> DcgmScrape.read("<html>oops</html>\n"))
                .hasMessageContaining("line 1 is not Prometheus text format");
    }

    /** dcgm-exporter needs a GPU, so a local HTTP server serves a real scrape of one. */
    @Test
    void scrapesAnEndpointOverHttpIntoOneNodeSamplePerHost() throws IOException {
        byte[] body = fixture("t4-1gpu-loaded__ericsson-ccd-k8s-ai-conformance.prom").getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            CollectorMetrics metrics = new CollectorMetrics();
            DcgmExporterSource source = new DcgmExporterSource(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics"), Duration.ofSeconds(5),
                    NODE, new UnsupportedReadings("dcgm", metrics));
            TelemetryBatch batch = source.read(1_790_000_000_000L);
            NodeSample sample = batch.nodes().get(0);
            assertThat(sample.node()).isEqualTo("cp-bm14r7");
            assertThat(sample.rack()).isEqualTo("r01-k01");
            assertThat(sample.gpus()).singleElement().satisfies(g -> assertThat(g.powerW()).isEqualTo(68.244));

            DcgmExporterSource wrong = new DcgmExporterSource(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/nothing"), Duration.ofSeconds(5),
                    NODE, new UnsupportedReadings("dcgm", metrics));
            assertThatThrownBy(() -> wrong.read(1L)).hasMessageContaining("HTTP 404");
        } finally {
            server.stop(0);
        }
    }
}
