package io.thermalwatch.demo.bench;

import io.thermalwatch.streams.StreamsMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real streams app as it is deployed: {@link StreamsMain} in its own JVM with default settings
 * (exactly-once, one stream thread per core), so that its heap can be read alone with {@code jcmd}.
 */
final class StreamsChild implements AutoCloseable {

    /**
     * G1's heap line of {@code jcmd GC.heap_info}: JDK 17 prints {@code garbage-first heap   total
     * 1048576K, used 123456K}, JDK 25 {@code garbage-first heap   total reserved 2097152K, committed
     * 40960K, used 15273K}.
     */
    static final Pattern G1_USED = Pattern.compile(
            "garbage-first heap\\s+total (?:reserved \\d+K, committed )?\\d+K, used (\\d+)K");
    static final String MAX_HEAP = "2g";
    /** System property with extra JVM options for the app (space-separated), for profiling. */
    static final String JVM_OPTIONS_PROPERTY = "bench.streamsJvmOptions";

    private final Process process;
    private final Path stateDir;

    private StreamsChild(Process process, Path stateDir) {
        this.process = process;
        this.stateDir = stateDir;
    }

    static StreamsChild start(String bootstrapServers, String applicationId, Path stateDir, Path log) {
        List<String> command = new java.util.ArrayList<>(List.of(javaTool("java"), "-Xmx" + MAX_HEAP, "-XX:+UseG1GC",
                "-Dlogback.configurationFile=logback-demo.xml"));
        // for profiling the app under the benchmark's load, e.g. -XX:StartFlightRecording=filename=s.jfr
        String extra = System.getProperty(JVM_OPTIONS_PROPERTY, "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), StreamsMain.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // default settings: nothing of the caller's TW_* environment leaks into the app
        pb.environment().keySet().removeIf(k -> k.startsWith("TW_") || k.startsWith("KAFKA_"));
        pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        pb.environment().put("TW_STREAMS_APPLICATION_ID", applicationId);
        pb.environment().put("TW_STREAMS_STATE_DIR", stateDir.toString());
        try {
            return new StreamsChild(pb.start(), stateDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the streams app", e);
        }
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Used heap after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}), bytes. */
    long usedHeapAfterFullGcBytes() throws IOException, InterruptedException {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher m = G1_USED.matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("no G1 heap line in jcmd GC.heap_info:\n" + info);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    /** Bytes under the app's state directory (RocksDB files, checkpoints). */
    long stateDirBytes() throws IOException {
        try (Stream<Path> files = Files.walk(stateDir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private String jcmd(String what) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(javaTool("jcmd"), Long.toString(process.pid()), what).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + what + " failed: " + out);
        }
        return out;
    }

    private static String javaTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    /** SIGTERM (the app leaves its group and closes), then a kill after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
