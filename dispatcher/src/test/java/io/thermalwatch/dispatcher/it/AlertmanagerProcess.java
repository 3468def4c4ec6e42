package io.thermalwatch.dispatcher.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Alertmanager (Debian's {@code prometheus-alertmanager}), clustering off, on a free port
 * with its own storage directory; killed and restarted on the same port and storage for the fault
 * tests, or frozen (SIGSTOP) to be unreachable while keeping its alerts.
 */
public final class AlertmanagerProcess implements AutoCloseable {

    public static final String BINARY = "/usr/bin/prometheus-alertmanager";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path dir;
    private final Path config;
    private final int port;
    private Process process;

    /** Starts it on {@code configYaml}, in {@code dir}, and waits until it is ready. */
    public AlertmanagerProcess(Path dir, String configYaml) throws IOException {
        requireBinary();
        this.dir = dir;
        this.config = dir.resolve("alertmanager.yml");
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(config, configYaml);
        this.port = freePort();
        start();
    }

    /** Fails, naming the package, when the machine lacks Alertmanager. */
    public static void requireBinary() {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install prometheus-alertmanager (bin/test installs it)");
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void start() throws IOException {
        process = new ProcessBuilder(List.of(BINARY,
                "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=",
                "--log.level=warn"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("alertmanager.log").toFile()))
                .start();
        await("Alertmanager on port " + port + " ready (log: " + dir.resolve("alertmanager.log") + ")")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(this::ready);
    }

    /** SIGKILL, as a crash: nothing written at shutdown. */
    public synchronized void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGSTOP: connections hang, its alerts stay. */
    public void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    public void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        int rc = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
        if (rc != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " exited " + rc);
        }
    }

    public boolean ready() {
        try {
            return get("/-/ready").statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    public HttpResponse<String> get(String pathAndQuery) throws IOException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url() + pathAndQuery)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public synchronized void close() throws Exception {
        if (process != null && process.isAlive()) {
            thaw();
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
