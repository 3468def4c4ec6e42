package io.thermalwatch.sink.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real {@code influxd} (InfluxDB 1.x, Debian package {@code influxdb}) as a child process on
 * free local ports, with its meta, data and WAL under one directory: for the tests, the benchmark
 * and the demo. {@link #kill} is SIGKILL (a crash); {@link #start} again reopens the same data on
 * the same port.
 */
public final class InfluxdServer implements AutoCloseable {

    /** Where the Debian package puts it. */
    public static final Path BINARY = Path.of("/usr/bin/influxd");

    private final Path dir;
    private final int httpPort;
    private final int bindPort;
    private Process process;

    private InfluxdServer(Path dir, int httpPort, int bindPort) {
        this.dir = dir;
        this.httpPort = httpPort;
        this.bindPort = bindPort;
    }

    /**
     * Starts influxd in {@code dir} and waits until it answers {@code /ping}.
     *
     * @throws IllegalStateException if the binary is missing (naming the package) or it does not come up
     */
    public static InfluxdServer start(Path dir) {
        InfluxdServer server = new InfluxdServer(dir, freePort(), freePort());
        server.start();
        return server;
    }

    /** Whether influxd is installed here. */
    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    public synchronized void start() {
        if (!installed()) {
            throw new IllegalStateException(BINARY + " is missing: install it with: sudo apt-get install influxdb");
        }
        try {
            Files.createDirectories(dir);
            Path conf = dir.resolve("influxd.conf");
            Files.writeString(conf, config());
            process = new ProcessBuilder(BINARY.toString(), "-config", conf.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("influxd.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start influxd in " + dir, e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!ping()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("influxd did not come up on " + url() + "; see " + dir.resolve("influxd.log"));
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // between two pings
        }
    }

    /** SIGKILL, and waits until the process is gone. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean ping() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/ping").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(1000);
            try {
                return c.getResponseCode() == 204;
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String config() {
        String d = dir.toAbsolutePath().toString();
        return "reporting-enabled = false\n"
                + "bind-address = \"127.0.0.1:" + bindPort + "\"\n"
                + "[meta]\n  dir = \"" + d + "/meta\"\n  logging-enabled = false\n"
                + "[data]\n  dir = \"" + d + "/data\"\n  wal-dir = \"" + d + "/wal\"\n  query-log-enabled = false\n"
                + "[monitor]\n  store-enabled = false\n"
                + "[http]\n  bind-address = \"127.0.0.1:" + httpPort + "\"\n  log-enabled = false\n"
                + "[continuous_queries]\n  log-enabled = false\n";
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
