package io.thermalwatch.demo.bench;

import java.util.Locale;

/** The report's "Collector" section ({@link CollectorCpuBenchmark}). */
final class CollectorCpuReport {

    private CollectorCpuReport() {
    }

    static void append(StringBuilder md, CollectorCpuBenchmark.Result c) {
        md.append("## Collector\n\n");
        md.append(String.format(Locale.ROOT, "`CollectorMain` in its own JVM (-Xmx%s %s, as shipped) with the simulator as "
                        + "its source, shaped as one node of %d GPUs (plus its rack's coolant loop), sampling every %d ms "
                        + "and publishing to this run's broker (nothing else running); its process CPU (user + system) over "
                        + "`TW_BENCH_COLLECTOR_SECONDS` after a warm-up of half that, its resident memory at the end. "
                        + "The NVML source on real hardware: README, \"Check a node by hand\".%n",
                CollectorCpuBenchmark.MAX_HEAP, CollectorCpuBenchmark.JVM_OPTIONS, CollectorCpuBenchmark.GPUS,
                CollectorCpuBenchmark.INTERVAL_MS));
        md.append("\n| measure | value | goal |\n|---|---|---|\n");
        if (c == null) {
            md.append("| CPU | not measured: the run failed (see the progress lines) | — |\n\n");
            return;
        }
        boolean met = c.cpuPctOfCore() <= CollectorCpuBenchmark.GOAL_PCT_OF_CORE;
        md.append(String.format(Locale.ROOT, "| CPU, %% of a core | %.2f | ≤ 1 %s |%n", c.cpuPctOfCore(),
                met ? "(met)" : "(**not met**)"));
        md.append(String.format(Locale.ROOT, "| seconds measured | %d | — |%n", c.measuredS()));
        md.append(String.format(Locale.ROOT, "| CPU a tick, ms | %.3f | — |%n", c.cpuMsPerTick()));
        md.append(String.format(Locale.ROOT, "| resident memory, MB | %.0f | — |%n%n", c.rssMb()));
    }
}
