package io.thermalwatch.demo.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine a benchmark ran on, as the report states it.
 *
 * @param cpuModel  {@code model name} of /proc/cpuinfo
 * @param cores     processors the JVM sees
 * @param memoryGib physical memory, GiB
 * @param jdk       runtime name and version
 * @param os        /etc/os-release's name, kernel and architecture
 */
record MachineInfo(String cpuModel, int cores, double memoryGib, String jdk, String os) {

    static MachineInfo current() {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"));
        double memGib = firstValue(Path.of("/proc/meminfo"), "MemTotal")
                .map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0).orElse(Double.NaN);
        String osName = firstValue(Path.of("/etc/os-release"), "PRETTY_NAME").map(v -> v.replace("\"", ""))
                .orElse(System.getProperty("os.name"));
        return new MachineInfo(cpu, Runtime.getRuntime().availableProcessors(), memGib,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                osName + ", kernel " + System.getProperty("os.version") + ", " + System.getProperty("os.arch"));
    }

    /** The 1-minute load average now (the machine is shared: the report notes it). */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static java.util.Optional<String> firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.stream().filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> l.substring(l.indexOf(l.contains(":") ? ':' : '=') + 1).strip());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
