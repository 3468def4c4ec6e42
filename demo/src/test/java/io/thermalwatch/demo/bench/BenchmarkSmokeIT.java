package io.thermalwatch.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark command at a tiny scale (2 racks, one 18 s load step, no settling before the latency
 * run, 4 s of collector and of API measurement, the scaling table for 4 partitions only): it runs to the end on the
 * packaged classpath ({@code bin/benchmark}'s) and writes a report with every section and a number
 * in each measurement (the values are not asserted: speed is not for tests), so it cannot rot.
 */
class BenchmarkSmokeIT {

    private static final List<String> SECTIONS = List.of("Machine", "Raw Kafka produce", "Streams throughput",
            "Live load", "Latency at half the highest sustained load", "API latency", "Collector", "Scaling",
            "Streams heap and state");

    @Test
    void writesEveryMeasurementOfTheReport(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("benchmarks.md");
        Path log = dir.resolve("benchmark.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", "target/classes:" + Files.readString(Path.of("target", "classpath.txt")).trim(),
                BenchmarkMain.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TW_") || k.startsWith("KAFKA_"));
        pb.environment().putAll(Map.of("TW_BENCH_RACKS", "2", "TW_BENCH_SECONDS", "18", "TW_BENCH_LOADS", "1000",
                "TW_BENCH_SETTLE_SECONDS", "0", "TW_BENCH_COLLECTOR_SECONDS", "4", "TW_BENCH_API_SECONDS", "4",
                "TW_BENCH_SCALING_PARTITIONS", "4",
                "TW_BENCH_REPORT", report.toString()));
        Process bench = pb.start();
        try {
            assertThat(bench.waitFor(8, TimeUnit.MINUTES)).as("benchmark finished; log:\n%s", log).isTrue();
        } finally {
            bench.destroyForcibly();
        }
        String out = Files.readString(log);
        System.out.println(out);
        assertThat(bench.exitValue()).as(out).isZero();
        assertThat(out).as("progress lines").contains("[bench ").contains("live load 1,000 GPU samples/s");

        String md = Files.readString(report);
        System.out.println(md);
        assertThat(md).contains("TW_BENCH_RACKS=2 TW_BENCH_SECONDS=18 TW_BENCH_LOADS=1000 TW_BENCH_SETTLE_SECONDS=0 TW_BENCH_COLLECTOR_SECONDS=4 TW_BENCH_API_SECONDS=4 TW_BENCH_SCALING_PARTITIONS=4 bin/benchmark");
        for (String section : SECTIONS) {
            assertThat(section(md, section)).as(section + " has a row with a number")
                    .containsPattern(Pattern.compile("(?m)^\\| [^|\\n]+ \\| [0-9][^|\\n]* \\|"));
        }
        assertThat(section(md, "Machine")).containsPattern("\\| cores \\| [0-9]+ \\|").containsPattern("\\| CPU \\| \\S");
        assertThat(section(md, "Raw Kafka produce")).containsPattern("\\| records/s \\| [0-9][0-9,]* \\|");
        assertThat(section(md, "Streams throughput")).containsPattern("\\| pipeline ÷ raw produce \\| [0-9.]+ \\|")
                .containsPattern("\\| rack windows complete / expected \\| [0-9]+ / [1-9][0-9]* \\|");
        assertThat(section(md, "Live load")).containsPattern("(?m)^\\| 1,000 \\| 14 \\| [0-9]+ / [1-9][0-9]* \\|");
        assertThat(section(md, "Latency at half the highest sustained load"))
                .containsPattern("\\| p99, ms \\| [0-9]+ \\|")
                .containsPattern("\\| faults injected / with no alert \\| [1-9][0-9]* / [0-9]+ \\|")
                .containsPattern("\\| alert p99, ms \\| [0-9]+ \\|")
                // bin/test installs Alertmanager, so the delivery through the dispatcher is measured too
                .containsPattern("\\| faults / not delivered to the webhook \\| [1-9][0-9]* / [0-9]+ \\|")
                .containsPattern("\\| fault sample sent → Alertmanager webhook p50, ms \\| [0-9]+ \\|");
        assertThat(section(md, "API latency"))
                .containsPattern("\\| requests measured / errors \\| [1-9][0-9,]* / [0-9]+ \\|")
                .containsPattern("\\| latency p99, ms \\| [0-9]+\\.[0-9] \\|")
                .containsPattern("\\| `/api/v1/racks/\\{rack}` p50 / p99, ms \\| [0-9]+\\.[0-9] / [0-9]+\\.[0-9] \\|");
        assertThat(section(md, "Streams throughput")).containsPattern("\\| streams CPU per record \\(user \\+ system\\), µs \\| [0-9.]+ \\|");
        assertThat(section(md, "Collector")).containsPattern("\\| CPU, % of a core \\| [0-9]+\\.[0-9]{2} \\|")
                .containsPattern("\\| resident memory, MB \\| [1-9][0-9]* \\|");
        assertThat(section(md, "Scaling")).as("partitions 4 with one and with two instances, each with a rate")
                .containsPattern("(?m)^\\| 4 \\| 1 \\| [0-9,]+ \\| [0-9][0-9,]* \\|")
                .containsPattern("(?m)^\\| 4 \\| 2 \\| [0-9,]+ \\| [0-9][0-9,]* \\|");
        assertThat(section(md, "Streams heap and state")).containsPattern("\\| used heap after a full GC, MB \\| [0-9]+ \\|");
        // bin/test installs influxd, so the sink's ratio is measured too
        assertThat(section(md, "InfluxDB sink")).containsPattern("\\| sink ÷ raw \\| [0-9]+\\.[0-9]{2} \\|")
                .containsPattern("\\| sink, points/s \\| [1-9][0-9,]* \\|");
    }

    /** The text of {@code ## title} up to the next section. */
    private static String section(String md, String title) {
        int start = md.indexOf("\n## " + title + "\n");
        assertThat(start).as("section " + title).isPositive();
        int next = md.indexOf("\n## ", start + 1);
        return md.substring(start, next < 0 ? md.length() : next);
    }
}
