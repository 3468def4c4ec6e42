package io.thermalwatch.streams.it;

import io.thermalwatch.streams.StreamsMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The production {@link StreamsMain} in a child JVM, configured by environment variables like a
 * deployed service, so a test can kill it with SIGKILL (no shutdown hook, no commit, no close).
 */
public final class StreamsChildProcess implements AutoCloseable {

    private final Process process;

    private StreamsChildProcess(Process process) {
        this.process = process;
    }

    /** Starts {@code StreamsMain} with these settings added to this JVM's environment; output goes to {@code log}. */
    public static StreamsChildProcess start(Map<String, String> env, Path log) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                StreamsMain.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        try {
            return new StreamsChildProcess(pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the streams child JVM", e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends a POSIX signal by name ({@code STOP}, {@code CONT}) and waits for {@code kill} to return. */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** SIGKILL, then waits for the process to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("streams child " + process.pid() + " survived SIGKILL");
        }
    }

    /** SIGTERM (the app's shutdown hook closes it cleanly), SIGKILL after 60 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
