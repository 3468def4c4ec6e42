package io.thermalwatch.demo.bench;

import io.thermalwatch.collector.CollectorMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One collector's cost on its node: the real {@link CollectorMain} in its own JVM, with the JVM
 * options it ships with ({@link #JVM_OPTIONS}: README and docker-compose.yml), the simulator as its source, shaped as one node of {@value #GPUS} GPUs
 * (plus its rack's coolant loop), sampling every {@value #INTERVAL_MS} ms and publishing to the
 * benchmark's broker. Its process CPU (user + system, from /proc through {@link ProcessHandle})
 * is read after a warm-up (half the measured time) and again {@code measuredS} later; its resident
 * memory at the end.
 */
public final class CollectorCpuBenchmark {

    static final int GPUS = 8;
    static final int INTERVAL_MS = 100;
    static final String MAX_HEAP = "128m";
    /**
     * The collector's JVM options as shipped (docker-compose.yml's {@code JAVA_TOOL_OPTIONS}, the
     * README's command): C1 only and the serial collector. A node agent runs the same code ten times
     * a second, so C2 kept compiling for minutes and G1's concurrent threads cost more than they
     * save; measured here with one node of 8 GPUs at 10 Hz, 40 s after a 20 s warm-up: 6.3 % of a
     * core with the defaults, 3.0 % with these, 192 → 122 MB resident.
     */
    public static final String JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
    /** Issue goal: at most 1 % of a core. */
    static final double GOAL_PCT_OF_CORE = 1.0;

    /**
     * @param measuredS    seconds measured (after a warm-up of half that)
     * @param cpuPctOfCore CPU over the measured seconds, % of one core
     * @param cpuMsPerTick the same per tick, ms
     * @param rssMb        resident memory at the end, MB
     */
    record Result(int measuredS, double cpuPctOfCore, double cpuMsPerTick, double rssMb) {
    }

    private CollectorCpuBenchmark() {
    }

    static Result run(String bootstrapServers, int measuredS, Path log, Progress progress) throws Exception {
        int warmUpS = Math.max(1, measuredS / 2);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + MAX_HEAP));
        command.addAll(List.of(JVM_OPTIONS.split(" ")));
        command.addAll(List.of("-Dlogback.configurationFile=logback-demo.xml",
                "-cp", System.getProperty("java.class.path"), CollectorMain.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("TW_") || k.startsWith("KAFKA_"));
        pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        pb.environment().put("TW_METRICS_PORT", "0");
        pb.environment().put("TW_SITE", "bench-collector");
        pb.environment().put("TW_SIM_RACKS", "1");
        pb.environment().put("TW_SIM_NODES_PER_RACK", "1");
        pb.environment().put("TW_SIM_GPUS_PER_NODE", Integer.toString(GPUS));
        pb.environment().put("TW_SIM_SCENARIO", "none");
        pb.environment().put("TW_SAMPLE_INTERVAL_MS", Integer.toString(INTERVAL_MS));
        progress.say(String.format("collector: one node of %d GPUs at %d Hz (simulator), %d s warm-up + %d s measured",
                GPUS, 1000 / INTERVAL_MS, warmUpS, measuredS));
        Process collector = pb.start();
        try {
            TimeUnit.SECONDS.sleep(warmUpS);
            long before = cpuNanos(collector);
            long t0 = System.nanoTime();
            TimeUnit.SECONDS.sleep(measuredS);
            long used = cpuNanos(collector) - before;
            double wallS = (System.nanoTime() - t0) / 1e9;
            double rssMb = rssKb(collector.pid()) / 1024.0;
            if (!collector.isAlive()) {
                throw new IllegalStateException("the collector exited with " + collector.exitValue() + " (log: " + log + ")");
            }
            Result r = new Result(measuredS, used / 1e9 / wallS * 100, used / 1e6 / (wallS * 1000 / INTERVAL_MS), rssMb);
            progress.say(String.format("  collector: %.2f %% of a core, %.3f ms CPU a tick, %.0f MB resident",
                    r.cpuPctOfCore(), r.cpuMsPerTick(), r.rssMb()));
            return r;
        } finally {
            collector.destroy();
            if (!collector.waitFor(30, TimeUnit.SECONDS)) {
                collector.destroyForcibly();
            }
        }
    }

    private static long cpuNanos(Process p) {
        return p.toHandle().info().totalCpuDuration().map(Duration::toNanos)
                .orElseThrow(() -> new IllegalStateException("no CPU time for the collector's process"));
    }

    /** VmRSS of the process, kB. */
    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            throw new IllegalStateException("no VmRSS in /proc/" + pid + "/status");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
