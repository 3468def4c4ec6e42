package io.thermalwatch.demo.bench;

import io.thermalwatch.api.ApiApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real API as it is deployed: {@link ApiApplication} in its own JVM with default settings but
 * the port (a free one) and the JWT secret, so its latency is not the benchmark JVM's garbage
 * collection and threads.
 */
final class ApiChild implements AutoCloseable {

    static final String MAX_HEAP = "512m";

    private final Process process;
    private final int port;

    private ApiChild(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ApiChild start(String bootstrapServers, String jwtSecret, Path log) {
        int port = freePort();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + MAX_HEAP, "-XX:+UseG1GC", "-Dlogback.configurationFile=logback-demo.xml",
                "-cp", System.getProperty("java.class.path"), ApiApplication.class.getName());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // default settings: nothing of the caller's environment leaks into the app
        pb.environment().keySet().removeIf(k -> k.startsWith("TW_") || k.startsWith("KAFKA_") || k.startsWith("THERMALWATCH_"));
        pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        pb.environment().put("THERMALWATCH_API_PORT", Integer.toString(port));
        pb.environment().put(BearerToken.SECRET_ENV, jwtSecret);
        try {
            return new ApiChild(pb.start(), port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the API", e);
        }
    }

    int port() {
        return port;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the API", e);
        }
    }

    /** SIGTERM (the API closes its consumers), then a kill after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
