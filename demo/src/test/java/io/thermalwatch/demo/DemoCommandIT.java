package io.thermalwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command as a user runs it: DemoMain in its own JVM on the packaged runtime
 * classpath ({@code target/classpath.txt}, what {@code bin/demo} uses), answering over HTTP, with
 * numbers that change window by window, and stopping cleanly on SIGTERM (as on Ctrl-C).
 */
class DemoCommandIT {

    @Test
    void demoServesRacksOverHttpAndStopsCleanly(@TempDir Path dir) throws Exception {
        Path classpath = Path.of("target", "classpath.txt");
        assertThat(classpath).as("written by 'mvn package'").exists();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = dir.resolve("demo.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", "target/classes:" + Files.readString(classpath).trim(), "io.thermalwatch.demo.DemoMain")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("THERMALWATCH_API_PORT", Integer.toString(port));
        pb.environment().put("TW_SIM_RACKS", "2");
        pb.environment().put("TW_STREAMS_STATE_DIR", dir.resolve("state").toString());
        Process demo = pb.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI racks = URI.create("http://localhost:" + port + "/api/v1/racks");
            long[] firstWindow = {0};
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                assertThat(demo.isAlive()).as("demo exited early:\n%s", Files.readString(log)).isTrue();
                String body = get(http, racks);
                if (body == null || !body.startsWith("{\"count\":2,")) {
                    return false;
                }
                firstWindow[0] = windowStart(body);
                return true;
            });
            // a new 10 s window replaces the first one
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> windowStart(get(http, racks)) > firstWindow[0]);
            String health = get(http, URI.create("http://localhost:" + port + "/health"));
            assertThat(health).contains("\"status\":\"UP\"");
            assertThat(Files.readString(log)).contains("Thermalwatch demo is running: 2 racks, 144 GPUs")
                    .contains("curl http://localhost:" + port + "/api/v1/racks");
        } finally {
            demo.destroy(); // SIGTERM, as Ctrl-C
            boolean exited = demo.waitFor(90, TimeUnit.SECONDS);
            if (!exited) {
                demo.destroyForcibly();
            }
            assertThat(exited).as("demo stops on SIGTERM").isTrue();
        }
        assertThat(Files.readString(log)).contains("stopped.");
    }

    private static String get(HttpClient http, URI uri) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static long windowStart(String body) {
        if (body == null) {
            return 0;
        }
        Matcher m = Pattern.compile("\"windowStartMs\":(\\d+)").matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
