package io.thermalwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code CollectorMain --print} run as a user runs it: a child JVM with environment variables,
 * checking the exit codes and messages the README's print-mode section promises.
 */
class PrintModeCommandTest {

    @TempDir
    Path dir;

    record Run(int exitCode, String stdout, String stderr) {
    }

    private Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CollectorMain.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TW_") || k.equals("KAFKA_BOOTSTRAP_SERVERS"));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("CollectorMain did not exit within 120 s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void nvmlWithoutADriverExitsOneWithACompleteMessage() throws Exception {
        Run run = run(Map.of("TW_SOURCES", "nvml", "TW_NVML_LIBRARY", dir.resolve("libnvidia-ml.so.1").toString(),
                "TW_RACK", "r01-k03", "TW_NODE", "n1"), "--print", "--ticks", "3");
        String message = run.stderr().lines().filter(l -> l.startsWith("collector: ")).findFirst().orElse("");
        System.out.println("print mode without a driver: exit " + run.exitCode() + ", " + message);
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(PrintMode.EXIT_READ_FAILED);
        assertThat(run.stdout()).isEmpty();
        assertThat(message).startsWith("collector: cannot open the sources [nvml]: cannot load NVML library")
                .contains("NVIDIA driver installed").contains("TW_NVML_LIBRARY").doesNotEndWith(":");
    }

    @Test
    void badSettingExitsTwoNamingIt() throws Exception {
        Run run = run(Map.of("TW_SOURCES", "simulator", "TW_SAMPLE_INTERVAL_MS", "5"), "--print");
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(PrintMode.EXIT_USAGE);
        assertThat(run.stderr()).contains("TW_SAMPLE_INTERVAL_MS");
    }

    @Test
    void simulatorPrintsJsonLinesAndExitsZero() throws Exception {
        Run run = run(Map.of("TW_SOURCES", "simulator", "TW_SIM_RACKS", "1", "TW_SIM_NODES_PER_RACK", "2",
                "TW_SAMPLE_INTERVAL_MS", "100"), "--print", "--ticks", "2");
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(PrintMode.EXIT_OK);
        assertThat(run.stdout().lines()).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("{").endsWith("}"));
        assertThat(run.stderr()).contains("0 source errors");
    }
}
