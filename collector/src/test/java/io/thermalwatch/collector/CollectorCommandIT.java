package io.thermalwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermalwatch.broker.KafkaBroker;
import io.thermalwatch.model.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code CollectorMain} as a user runs it, in its own JVM: what it prints and how it exits on a bad
 * config file or scenario, and its {@code /health} through a real Kafka outage.
 */
class CollectorCommandIT {

    @TempDir
    Path dir;

    private Process start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), CollectorMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TW_") || k.startsWith("KAFKA_"));
        pb.environment().putAll(env);
        return pb.start();
    }

    private int exitCode(Process p) throws Exception {
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("collector exits").isTrue();
        return p.exitValue();
    }

    private String stderr() throws IOException {
        return Files.readString(dir.resolve("stderr.txt"));
    }

    @Test
    void aMisspelledSettingInTheConfigFileIsRefusedNamingTheNearestKnownOne() throws Exception {
        Path config = Files.writeString(dir.resolve("collector.properties"), "TW_SOURCES=simulator\nTW_SIM_RACK=3\n");
        Process p = start(Map.of(), "--config", config.toString(), "--print", "--ticks", "1");
        assertThat(exitCode(p)).isEqualTo(2);
        assertThat(stderr()).contains("collector: config file " + config + ": unknown setting TW_SIM_RACK; did you mean TW_SIM_RACKS?");
        assertThat(Files.readString(dir.resolve("stdout.txt"))).isEmpty();
    }

    @Test
    void aScenarioFaultOnARackThatDoesNotExistIsRefusedNamingTheLine() throws Exception {
        Path scenario = Files.writeString(dir.resolve("faults.txt"), "# three racks: k01..k03\n30 pump-failure r01-k04 for=60\n");
        Path config = Files.writeString(dir.resolve("collector.properties"),
                "TW_SIM_RACKS=3\nTW_SIM_SCENARIO=" + scenario + "\n");
        Process p = start(Map.of(), "--config", config.toString(), "--print", "--ticks", "1");
        assertThat(exitCode(p)).isEqualTo(2);
        assertThat(stderr()).contains(scenario + " line 2: pump-failure target 'r01-k04' does not exist: the fleet has 3 racks");

        Files.writeString(scenario, "30 pump-failure r01-k03 for=60\n");
        Process good = start(Map.of("TW_SAMPLE_INTERVAL_MS", "100"), "--config", config.toString(), "--print", "--ticks", "1");
        assertThat(exitCode(good)).as("the same run with a target that exists: %s", stderr()).isZero();
        assertThat(Files.readString(dir.resolve("stdout.txt")).lines()).hasSize(3 * 18 + 3);
    }

    @Test
    void healthIs503WhileKafkaIsDownAndSamplesAreDroppedAnd200WhenItRecovers() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HttpClient http = HttpClient.newHttpClient();
        URI health = URI.create("http://127.0.0.1:" + port + "/health");
        URI metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
        try (KafkaBroker broker = KafkaBroker.startEphemeral()) {
            broker.createTopics(List.of(new NewTopic(Topics.NODE_SAMPLES, 2, (short) 1),
                    new NewTopic(Topics.COOLANT_SAMPLES, 2, (short) 1)));
            Process collector = start(Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                    "TW_METRICS_PORT", Integer.toString(port), "TW_SIM_RACKS", "2", "TW_SAMPLE_INTERVAL_MS", "100",
                    "TW_BUFFER_BYTES", Long.toString(64 << 10), "TW_PRODUCER_IN_FLIGHT_BYTES", Long.toString(64 << 10)));
            try {
                awaitOrExplain(http, port, Duration.ofSeconds(90), () -> {
                    assertThat(collector.isAlive()).as("collector exited early:\n%s", stderr()).isTrue();
                    return counter(get(http, metrics), "thermalwatch_collector_samples_published_total") > 0;
                });
                // the first samples may overflow the small buffer while the producer fetches metadata
                awaitOrExplain(http, port, Duration.ofSeconds(60), () -> get(http, health).startsWith("200 "));
                assertThat(get(http, health)).isEqualTo("200 {\"status\":\"UP\"}");
                assertThat(get(http, metrics)).contains("thermalwatch_collector_source_errors_total{source=\"simulator\"} 0",
                        "thermalwatch_collector_unsupported_total{source=\"simulator\"} 0");

                broker.stop();
                awaitOrExplain(http, port, Duration.ofSeconds(90), () -> get(http, health).startsWith("503 "));
                String down = get(http, health);
                long droppedWhileDown = counter(get(http, metrics), "thermalwatch_collector_samples_dropped_total");
                System.out.printf("while Kafka was down: %s; %d dropped%n", down, droppedWhileDown);
                assertThat(down).contains("\"status\":\"DOWN\"", "dropping samples");
                assertThat(droppedWhileDown).isPositive();

                broker.start();
                awaitOrExplain(http, port, Duration.ofSeconds(120), () -> get(http, health).startsWith("200 "));
                assertThat(get(http, health)).isEqualTo("200 {\"status\":\"UP\"}");
                long published = counter(get(http, metrics), "thermalwatch_collector_samples_published_total");
                awaitOrExplain(http, port, Duration.ofSeconds(60),
                        () -> counter(get(http, metrics), "thermalwatch_collector_samples_published_total") > published);
            } finally {
                collector.destroy();
                if (!collector.waitFor(60, TimeUnit.SECONDS)) {
                    collector.destroyForcibly();
                }
            }
        }
    }

    /** Waits for {@code condition}; on timeout fails with the collector's health, metrics and log. */
    private void awaitOrExplain(HttpClient http, int port, Duration atMost, java.util.concurrent.Callable<Boolean> condition)
            throws IOException {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            String base = "http://127.0.0.1:" + port;
            throw new AssertionError(e.getMessage() + "\nhealth: " + get(http, URI.create(base + "/health"))
                    + "\nmetrics:\n" + get(http, URI.create(base + "/metrics")) + "\ncollector log:\n" + stderr(), e);
        }
    }

    private static String get(HttpClient http, URI uri) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body();
        } catch (IOException e) {
            return "unreachable " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static long counter(String metricsText, String name) {
        return metricsText.lines().filter(l -> l.startsWith(name + " ")).mapToLong(l -> Long.parseLong(l.substring(name.length() + 1)))
                .findFirst().orElse(-1);
    }
}
