package io.thermalwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.collector.sim.FleetLayout;
import io.thermalwatch.collector.sim.FleetSimulator;
import io.thermalwatch.model.CoolantSampleJson;
import io.thermalwatch.model.NodeSampleJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrintModeAndMetricsTest {

    private static final FleetLayout LAYOUT = new FleetLayout("s", "h", 1, 1, 2, 4);

    @Test
    void printModeWritesOneJsonSampleALineAndNothingElse() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PrintMode.run(List.of(new FleetSimulator(LAYOUT, 1)), Duration.ofMillis(100), 3,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(code).isZero();
        assertThat(lines).hasSize(3 * (2 + 1)); // per tick: 2 nodes and 1 coolant loop
        assertThat(lines.stream().filter(l -> l.contains("\"gpus\""))).hasSize(6)
                .allSatisfy(l -> assertThat(NodeSampleJson.read(l.getBytes(StandardCharsets.UTF_8)).gpus()).hasSize(4));
        assertThat(lines.stream().filter(l -> l.contains("\"flowLpm\"")))
                .allSatisfy(l -> assertThat(CoolantSampleJson.read(l.getBytes(StandardCharsets.UTF_8)).flowLpm()).isPositive());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("9 samples in 3 ticks, 0 source errors");
    }

    @Test
    void printModeExitsNonZeroWhenASourceFails() throws Exception {
        TelemetrySource broken = new TelemetrySource() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public TelemetryBatch read(long eventMs) {
                throw new IllegalStateException("no GPU");
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PrintMode.run(List.of(broken, new FleetSimulator(LAYOUT, 1)), Duration.ofMillis(100), 1,
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("3 samples in 1 ticks, 1 source errors");
    }

    @Test
    void metricsEndpointServesPrometheusTextAndHealth() throws Exception {
        CollectorMetrics metrics = new CollectorMetrics();
        metrics.samplesRead("simulator", 72);
        metrics.sourceError("nvml");
        metrics.registerDelivery("samples_dropped_total", () -> 3);
        metrics.registerDelivery("buffer_bytes", () -> 4096);
        String[] problem = {null};
        try (MetricsServer server = new MetricsServer(0, metrics, () -> problem[0])) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> m = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(m.statusCode()).isEqualTo(200);
            assertThat(m.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain; version=0.0.4");
            assertThat(m.body()).contains(
                    "# TYPE thermalwatch_collector_samples_read_total counter",
                    "thermalwatch_collector_samples_read_total{source=\"simulator\"} 72",
                    "thermalwatch_collector_source_errors_total{source=\"nvml\"} 1",
                    "# TYPE thermalwatch_collector_samples_dropped_total counter",
                    "thermalwatch_collector_samples_dropped_total 3",
                    "# TYPE thermalwatch_collector_buffer_bytes gauge",
                    "thermalwatch_collector_buffer_bytes 4096");
            HttpResponse<String> up = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(up.body()).isEqualTo("{\"status\":\"UP\"}");
            problem[0] = "Kafka unreachable";
            HttpResponse<String> down = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("Kafka unreachable");
        }
    }
}
