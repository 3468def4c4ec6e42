package io.thermalwatch.demo.bench;

import io.thermalwatch.model.EnvSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the benchmark runs, from environment variables (README, "Benchmarks").
 *
 * @param racks        NVL72 racks (18 nodes × 4 GPUs) preloaded for the streams throughput and heap
 *                     measurement ({@code TW_BENCH_RACKS}, 1..10000, default 1000)
 * @param stepSeconds  seconds of paced load per ladder step and for the latency run
 *                     ({@code TW_BENCH_SECONDS}, 18..600, default 40; 18 is the least that closes a 10 s window
 *                     and sends the two ticks after (see {@link LoadStep#TRAILING_TICKS}))
 * @param loads        the ladder: target GPU samples per second, ascending ({@code TW_BENCH_LOADS})
 * @param report       the Markdown report written at the end ({@code TW_BENCH_REPORT}, default docs/benchmarks.md)
 * @param settleSeconds how long after the ladder's backlog is drained the latency run starts
 *                     ({@code TW_BENCH_SETTLE_SECONDS}, 0..300, default 65: the ladder's racks that the
 *                     latency run leaves out are stale by then and their staleness alerts escalated)
 * @param collectorSeconds seconds the collector's CPU is measured, after a warm-up of half that
 *                     ({@code TW_BENCH_COLLECTOR_SECONDS}, 2..600, default 40)
 * @param apiSeconds   seconds of the API's requests measured, after their warm-up
 *                     ({@code TW_BENCH_API_SECONDS}, 2..600, default 20)
 * @param scalingPartitions the scaling table's partition counts, ascending ({@code TW_BENCH_SCALING_PARTITIONS},
 *                     default 4,12,24; {@code none} leaves the table out)
 */
record BenchSettings(int racks, int stepSeconds, List<Integer> loads, Path report, int settleSeconds,
                     int collectorSeconds, int apiSeconds, List<Integer> scalingPartitions) {

    static final int DEFAULT_SETTLE_SECONDS = 65;
    static final int DEFAULT_COLLECTOR_SECONDS = 40;
    static final int DEFAULT_API_SECONDS = ApiLatencyBenchmark.MEASURED_SECONDS;

    static final String DEFAULT_LOADS = "36000,72000,150000,300000";
    static final String DEFAULT_SCALING_PARTITIONS = "4,12,24";

    BenchSettings {
        loads = List.copyOf(loads);
        scalingPartitions = List.copyOf(scalingPartitions);
        if (loads.isEmpty()) {
            throw new IllegalArgumentException("TW_BENCH_LOADS must name at least one load");
        }
    }

    static BenchSettings fromEnv(EnvSettings env) {
        int racks = (int) env.integer("TW_BENCH_RACKS", 1000, 1, 10_000);
        int seconds = (int) env.integer("TW_BENCH_SECONDS", 40, 18, 600);
        List<Integer> loads = ascending(env.list("TW_BENCH_LOADS", DEFAULT_LOADS), 72, 2_000_000,
                "TW_BENCH_LOADS must be ascending GPU samples/s in 72..2000000, comma-separated");
        String scalingText = env.string("TW_BENCH_SCALING_PARTITIONS", DEFAULT_SCALING_PARTITIONS).strip();
        List<Integer> scaling = scalingText.equals("none") ? List.of() : ascending(List.of(scalingText.split(",", -1)), 1, 256,
                "TW_BENCH_SCALING_PARTITIONS must be ascending partition counts in 1..256, comma-separated, or none;");
        return new BenchSettings(racks, seconds, loads,
                Path.of(env.string("TW_BENCH_REPORT", "docs/benchmarks.md")),
                (int) env.integer("TW_BENCH_SETTLE_SECONDS", DEFAULT_SETTLE_SECONDS, 0, 300),
                (int) env.integer("TW_BENCH_COLLECTOR_SECONDS", DEFAULT_COLLECTOR_SECONDS, 2, 600),
                (int) env.integer("TW_BENCH_API_SECONDS", DEFAULT_API_SECONDS, 2, 600), scaling);
    }

    /** The command line that reproduces this run, for the report. */
    String command() {
        return "TW_BENCH_RACKS=" + racks + " TW_BENCH_SECONDS=" + stepSeconds + " TW_BENCH_LOADS="
                + String.join(",", loads.stream().map(String::valueOf).toList())
                + (settleSeconds == DEFAULT_SETTLE_SECONDS ? "" : " TW_BENCH_SETTLE_SECONDS=" + settleSeconds)
                + (collectorSeconds == DEFAULT_COLLECTOR_SECONDS ? "" : " TW_BENCH_COLLECTOR_SECONDS=" + collectorSeconds)
                + (apiSeconds == DEFAULT_API_SECONDS ? "" : " TW_BENCH_API_SECONDS=" + apiSeconds)
                + (scalingText().equals(DEFAULT_SCALING_PARTITIONS) ? "" : " TW_BENCH_SCALING_PARTITIONS=" + scalingText())
                + " bin/benchmark";
    }

    /** The scaling table's partition counts as the setting spells them. */
    String scalingText() {
        return scalingPartitions.isEmpty() ? "none" : String.join(",", scalingPartitions.stream().map(String::valueOf).toList());
    }

    /** The items as integers in {@code min..max}, each above the one before; else {@code rule}, naming the bad item. */
    private static List<Integer> ascending(List<String> items, int min, int max, String rule) {
        List<Integer> out = new ArrayList<>();
        for (String item : items) {
            int value;
            try {
                value = Integer.parseInt(item.strip());
            } catch (NumberFormatException e) {
                value = min - 1;
            }
            if (value < min || value > max || (!out.isEmpty() && value <= out.get(out.size() - 1))) {
                throw new IllegalArgumentException(rule + (rule.endsWith(";") ? "" : ",") + " was '" + item.strip() + "'");
            }
            out.add(value);
        }
        return out;
    }
}
