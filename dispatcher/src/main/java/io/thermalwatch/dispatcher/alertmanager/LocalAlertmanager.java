package io.thermalwatch.dispatcher.alertmanager;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Alertmanager for the demo: Debian's {@code prometheus-alertmanager} as a child process,
 * clustering off (with it on, the first notification waits ~10 s for gossip), on 127.0.0.1, with
 * {@code alertmanager-demo.yml}: the example's routing, grouping and inhibition, with receivers that
 * notify nobody (the demo has no PagerDuty or Slack): its UI shows the alerts.
 */
public final class LocalAlertmanager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalAlertmanager.class);
    public static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
    static final String DEMO_CONFIG = "alertmanager-demo.yml";

    private final Process process;
    private final int port;

    private LocalAlertmanager(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Whether the binary is installed ({@code apt-get install prometheus-alertmanager}). */
    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Starts it with its config and data in {@code dir} (its log in {@code dir/alertmanager.log})
     * and waits until it answers {@code /-/ready}.
     *
     * @throws IllegalStateException if it is not installed, exits, or is not ready within {@code timeout}
     */
    public static LocalAlertmanager start(Path dir, int port, Duration timeout) throws IOException, InterruptedException {
        String config;
        try (InputStream in = LocalAlertmanager.class.getResourceAsStream(DEMO_CONFIG)) {
            config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return start(dir, port, timeout, config);
    }

    /** As {@link #start(Path, int, Duration)}, with the configuration {@code configYaml} instead of the demo's. */
    public static LocalAlertmanager start(Path dir, int port, Duration timeout, String configYaml)
            throws IOException, InterruptedException {
        if (!installed()) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install prometheus-alertmanager");
        }
        Files.createDirectories(dir.resolve("data"));
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, configYaml);
        Process p = new ProcessBuilder(List.of(BINARY.toString(), "--config.file=" + config, "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=", "--log.level=warn"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("alertmanager.log").toFile()))
                .start();
        LocalAlertmanager am = new LocalAlertmanager(p, port);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!am.ready()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                am.close();
                throw new IllegalStateException("Alertmanager on port " + port + " not ready (" + (p.isAlive() ? "timed out" : "exited "
                        + p.exitValue()) + "); see " + dir.resolve("alertmanager.log"));
            }
            p.waitFor(100, TimeUnit.MILLISECONDS);
        }
        LOG.info("Alertmanager started at {} (pid {})", am.url(), p.pid());
        return am;
    }

    boolean ready() {
        try {
            HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url() + "/-/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Its base URL: for {@code TW_ALERTMANAGER_URLS}, and its UI. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
