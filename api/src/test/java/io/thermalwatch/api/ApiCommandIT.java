package io.thermalwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermalwatch.api.security.JwtSecret;
import io.thermalwatch.api.security.TestTokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ApiApplication} as an operator runs it: its own JVM, settings from the environment.
 * A bad setting stops it with one line naming the variable; with Kafka unreachable it still
 * answers, and SIGTERM stops it within seconds.
 */
class ApiCommandIT {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "THERMALWATCH_API_STALE_AFTER | abc | THERMALWATCH_API_STALE_AFTER must be a duration in 1s..1d (e.g. 500ms, 60s, 15m, 1h), was 'abc'",
        "THERMALWATCH_API_STALE_AFTER | 1x  | THERMALWATCH_API_STALE_AFTER must be a duration in 1s..1d (e.g. 500ms, 60s, 15m, 1h), was '1x'",
        "THERMALWATCH_API_STALE_AFTER | 0s  | THERMALWATCH_API_STALE_AFTER must be a duration in 1s..1d (e.g. 500ms, 60s, 15m, 1h), was '0s'",
        "THERMALWATCH_API_REPLAY      | 8d  | THERMALWATCH_API_REPLAY must be a duration in 0s..7d (e.g. 500ms, 60s, 15m, 1h), was '8d'",
        "THERMALWATCH_API_PORT        | abc | THERMALWATCH_API_PORT must be an integer in 1..65535, was 'abc'",
        "THERMALWATCH_API_INFLUX_URL  | localhost:8086 | THERMALWATCH_API_INFLUX_URL must be an http(s) URL such as http://localhost:8086, was 'localhost:8086'",
        "THERMALWATCH_API_INFLUX_DATABASE | tw;drop | THERMALWATCH_API_INFLUX_DATABASE must be 1..64 letters, digits, '_' or '-', was 'tw;drop'",
        "THERMALWATCH_API_JWT_SECRET  | too-short | THERMALWATCH_API_JWT_SECRET must be at least 32 bytes (256 bits), was 9 bytes (e.g. openssl rand -base64 48)",
    })
    void badSettingFailsFastNamingTheVariable(String name, String value, String message, @TempDir Path dir)
            throws Exception {
        Path log = dir.resolve("api.log");
        Process api = start(Map.of(name, value, "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + freePort()), log);
        assertThat(api.waitFor(60, TimeUnit.SECONDS)).as("exits").isTrue();
        String output = Files.readString(log);
        assertThat(api.exitValue()).as(output).isEqualTo(2);
        assertThat(output.strip()).isEqualTo("api: bad setting: " + message);
    }

    @Test
    void withoutATokenSecretFailsFastNamingTheVariable(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("api.log");
        Process api = start(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + freePort()), log);
        assertThat(api.waitFor(60, TimeUnit.SECONDS)).as("exits").isTrue();
        assertThat(api.exitValue()).isEqualTo(2);
        assertThat(Files.readString(log).strip()).isEqualTo("api: bad setting: THERMALWATCH_API_JWT_SECRET must be set: "
                + "the HS256 secret of the API's tokens, at least 32 bytes (e.g. openssl rand -base64 48)");
    }

    @Test
    void withKafkaUnreachableServesEmptyRacksAndStopsWithinSeconds(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path log = dir.resolve("api.log");
        Process api = start(Map.of("THERMALWATCH_API_PORT", Integer.toString(port),
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + freePort(), JwtSecret.ENV, TestTokens.SECRET), log);
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI racks = URI.create("http://localhost:" + port + "/api/v1/racks");
            String body = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(api.isAlive()).as("API exited early:\n%s", Files.readString(log)).isTrue();
                return get(http, racks);
            }, b -> b != null);
            assertThat(body).isEqualTo("{\"count\":0,\"totalPowerW\":0.0,\"racks\":[]}");
        } finally {
            long begin = System.nanoTime();
            api.destroy(); // SIGTERM
            boolean exited = api.waitFor(15, TimeUnit.SECONDS);
            System.out.printf("API with Kafka unreachable stopped %s in %d ms after SIGTERM%n",
                    exited ? "" : "NOT", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
            if (!exited) {
                api.destroyForcibly();
            }
            assertThat(exited).as("stops within 15 s of SIGTERM; log:\n%s", Files.readString(log)).isTrue();
        }
    }

    private static Process start(Map<String, String> env, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), ApiApplication.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("THERMALWATCH_") || k.equals("KAFKA_BOOTSTRAP_SERVERS"));
        pb.environment().putAll(env);
        return pb.start();
    }

    private static String get(HttpClient http, URI uri) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                            .header("Authorization", TestTokens.bearer("viewer")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
