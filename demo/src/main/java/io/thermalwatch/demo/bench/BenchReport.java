package io.thermalwatch.demo.bench;

import io.thermalwatch.sink.bench.SinkRatioBenchmark;

import java.util.Locale;

/** Writes {@code docs/benchmarks.md}: one table per measurement, each figure beside its goal. */
final class BenchReport {

    static final long HEAP_GOAL_BYTES = 512L * 1024 * 1024;
    static final double RATIO_GOAL = 0.5;
    static final int LOAD_GOAL_GPU_PER_S = 300_000;
    static final long ALERT_P99_GOAL_MS = 250;

    private BenchReport() {
    }

    static String markdown(BenchResults r) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        line(md, "Written by `bin/benchmark` (`io.thermalwatch.demo.bench.BenchmarkMain`); started %s, took %d s.",
                r.startedUtc(), r.seconds());
        line(md, "Command: `%s`. Re-run it to refresh this page; the README's \"Benchmarks\" section says what each", r.settings().command());
        md.append("figure means and how it is measured.\n\n");

        md.append("## Machine\n\n| | |\n|---|---|\n");
        row(md, "CPU", r.machine().cpuModel());
        row(md, "cores", Integer.toString(r.machine().cores()));
        row(md, "memory", fmt("%.1f GiB", r.machine().memoryGib()));
        row(md, "JDK", r.machine().jdk());
        row(md, "OS", r.machine().os());
        row(md, "load average (1 min) at start / end", fmt("%.2f / %.2f", r.loadAtStart(), r.loadAtEnd()));
        row(md, "Kafka", "one KRaft broker 4.3.1 (`KafkaBroker.startEphemeralForLoad`, child JVM, -Xmx768m, "
                + "serial GC, full JIT), on the same machine");
        row(md, "streams app", fmt("`StreamsMain` in its own JVM (-Xmx%s), default settings: exactly-once v2, "
                + "one stream thread per core (%d here), commit 100 ms, %d partitions", StreamsChild.MAX_HEAP,
                r.machine().cores(), r.partitions()));
        md.append('\n');

        Feed.Produced raw = r.raw();
        md.append("## Raw Kafka produce\n\n");
        line(md, "%,d records (%d racks × (18 node samples of 4 GPUs + 1 coolant sample), %,d ticks, after %d untimed warm-up ticks) to a fresh "
                + "topic, collector producer settings (idempotent, acks=all, lz4), until all acknowledged.",
                raw.records(), r.settings().racks(), raw.records() / Math.max(1, r.settings().racks() * 19L),
                BenchmarkMain.WARM_UP_TICKS);
        md.append("\n| measure | value | goal |\n|---|---|---|\n");
        row(md, "records/s", fmt("%,.0f", raw.recordsPerS()), "—");
        row(md, "GPU samples/s", fmt("%,.0f", raw.gpuSamplesPerS()), "—");
        row(md, "MB/s (uncompressed key + value)", fmt("%,.1f", raw.megabytesPerS()), "—");
        md.append('\n');

        BenchResults.CatchUp s = r.streams();
        double ratio = s.recordsPerS() / raw.recordsPerS();
        md.append("## Streams throughput\n\n");
        line(md, "The same records preloaded into `thermalwatch.node-samples.v1` and `thermalwatch.coolant-samples.v1` "
                + "(an inventory entry for every rack on `thermalwatch.inventory.v1`), then the app started with all "
                + "rules on; rate of its committed offsets from their first progress to the end of the input.");
        md.append("\n| measure | value | goal |\n|---|---|---|\n");
        row(md, "records/s", fmt("%,.0f", s.recordsPerS()), "—");
        row(md, "GPU samples/s", fmt("%,.0f", s.gpuSamplesPerS()), "—");
        row(md, "pipeline ÷ raw produce", fmt("%.2f", ratio), verdict(ratio >= RATIO_GOAL, "≥ 0.5"));
        row(md, "launch to input fully committed, s", fmt("%.1f", s.fromLaunchS()), "—");
        row(md, "streams CPU per record (user + system), µs", fmt("%.1f", s.cpu().streamsMicrosPer(s.recordsMeasured())), "—");
        row(md, "records/s one core would do at that cost", fmt("%,.0f", 1e6 / s.cpu().streamsMicrosPer(s.recordsMeasured())), "—");
        row(md, "cores used: streams / broker", fmt("%.2f / %.2f", CpuMeter.Used.cores(s.cpu().streamsS(), s.cpu().wallS()),
                CpuMeter.Used.cores(s.cpu().brokerS(), s.cpu().wallS())), "—");
        row(md, "rack windows complete / expected", r.windowsComplete() + " / " + r.windowsExpected(),
                verdict(r.windowsComplete() == r.windowsExpected(), "all"));
        md.append('\n');

        md.append("## Live load\n\n");
        line(md, "A paced fleet for %d s per load, the app running: 1 Hz ticks, each tick's records spread evenly "
                + "over its second (round-robin over the racks, so every rack's samples span the second and node "
                + "and coolant samples mix), each stamped with the time "
                + "it is due, as collectors at their own phase (`TW_SAMPLE_PHASE_MS=auto`) send. A load is kept up "
                + "when every rack window inside the step is readable (read_committed), complete and fresh (readable "
                + "≤ end + grace + %d s) and every record was sent within %d s of its time. The ladder stops at the "
                + "first load that falls behind. Latency: the rack's first sample at or past end + grace (the one "
                + "that closes the window) sent → the window's aggregate readable.", r.settings().stepSeconds(),
                LoadStep.FRESH_SLACK_MS / 1000, LoadStep.PACE_SLACK_MS / 1000);
        line(md, "Cores: CPU seconds per wall second of each process while the step's ticks were sent (and one "
                + "tick after); the generator is this benchmark's own producer. Streams µs/record: its CPU over the "
                + "records sent.");
        md.append("\n| target GPU samples/s | racks | windows readable / expected | complete | fresh "
                + "| max lag, records | latest send delay, ms | latency p50 / p99, ms | cores streams / broker / generator "
                + "| streams µs/record | kept up |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (LoadStep.Result step : r.ladder()) {
            CpuMeter.Used c = step.cpu();
            md.append(fmt("| %,d | %,d | %d / %d | %d | %d | %,d | %d | %d / %d | %.2f / %.2f / %.2f | %.1f | %s |\n",
                    step.targetGpuPerS(), step.racks(), step.readable(), step.expected(), step.complete(), step.fresh(),
                    step.maxLagRecords(), step.maxStartDelayMs(), step.latencyQuantileMs(0.5),
                    step.latencyQuantileMs(0.99), CpuMeter.Used.cores(c.streamsS(), c.wallS()),
                    CpuMeter.Used.cores(c.brokerS(), c.wallS()), CpuMeter.Used.cores(c.generatorS(), c.wallS()),
                    c.streamsMicrosPer(step.records()), step.keptUp() ? "yes" : "**no**"));
        }
        md.append("\n| measure | value | goal |\n|---|---|---|\n");
        row(md, "highest sustained load, GPU samples/s", fmt("%,d", r.highestSustained()),
                verdict(r.highestSustained() >= LOAD_GOAL_GPU_PER_S, "≥ 300,000"));
        md.append('\n');

        md.append("## Latency at half the highest sustained load\n\n");
        line(md, "A paced run at half the highest sustained load, started %d s after the ladder's backlog was "
                + "drained, on racks of its own that the ladder never sent (with the default 65 s, the ladder's racks "
                + "are stale by then and their staleness alerts escalated; none of the run's racks comes back from "
                + "silence, which would resolve a burst of alerts in the measured run). From its %dth tick "
                + "on, %d samples a tick are fault samples, each on a GPU or loop of its own: alternately a GPU in "
                + "hardware thermal slowdown (`gpu-thermal-slowdown`) and a leaking CDU loop (`coolant-leak`), both "
                + "critical with `criticalFor: 0` in the shipped rules, so the fault sample is the one that makes "
                + "its alert due and no `for` wait is in the figure. Alert latency: the fault sample handed to the "
                + "producer → its alert first readable as firing on `thermalwatch.alerts.v1` (read_committed). "
                + "Delivery latency: the same fault sample → its first firing notification at a webhook, through "
                + "the dispatcher (read_committed, in this benchmark's JVM) and a real Alertmanager (clustering off) "
                + "that routes every alert as its own group with `group_wait: 0s`, so no grouping policy's wait "
                + "is in the figure (only the two fault rules go to the webhook); both started just before the "
                + "run, which waits until the dispatcher's start-up backlog (every alert still firing, resent at "
                + "start by design: the ladder's stale racks) has been accepted, as for a dispatcher that has been "
                + "running.",
                r.settings().settleSeconds(), LoadStep.FAULT_FREE_TICKS + 1, BenchmarkMain.FAULTS_PER_TICK);
        md.append("\n| measure | value | goal |\n|---|---|---|\n");
        LoadStep.WithFaults run = r.halfLoad();
        if (run == null) {
            row(md, "load, GPU samples/s", "0 (no load was sustained)", "—");
        } else {
            LoadStep.Result half = run.step();
            LoadStep.AlertLatency alerts = run.alerts();
            row(md, "load, GPU samples/s", fmt("%,d", half.targetGpuPerS()), "—");
            row(md, "faults injected / with no alert", alerts.injected() + " / " + alerts.missing(),
                    verdict(alerts.injected() > 0 && alerts.missing() == 0, "0 missing"));
            row(md, "fault sample sent → alert readable p50, ms", Long.toString(alerts.quantileMs(0.5)), "—");
            row(md, "alert p99, ms", Long.toString(alerts.quantileMs(0.99)),
                    verdict(alerts.latencyMs().length > 0 && alerts.quantileMs(0.99) <= ALERT_P99_GOAL_MS, "≤ 250"));
            row(md, "alert max, ms", Long.toString(alerts.quantileMs(1.0)), "—");
            row(md, "alert records read during the run (any rule, any state)", fmt("%,d", alerts.alertRecords()), "—");
            LoadStep.AlertLatency delivered = run.delivery();
            if (delivered == null) {
                row(md, "fault sample sent → Alertmanager webhook", "not measured: Alertmanager not installed "
                        + "(apt-get install prometheus-alertmanager)", "—");
            } else {
                row(md, "faults / not delivered to the webhook", delivered.injected() + " / " + delivered.missing(),
                        verdict(delivered.injected() > 0 && delivered.missing() == 0, "0 missing"));
                row(md, "fault sample sent → Alertmanager webhook p50, ms", Long.toString(delivered.quantileMs(0.5)), "—");
                row(md, "webhook p99, ms", Long.toString(delivered.quantileMs(0.99)),
                        verdict(delivered.latencyMs().length > 0 && delivered.quantileMs(0.99) <= ALERT_P99_GOAL_MS,
                                "≤ 250"));
                row(md, "webhook max, ms", Long.toString(delivered.quantileMs(1.0)), "—");
            }
            row(md, "windows readable / expected", half.readable() + " / " + half.expected(), "—");
            row(md, "closing sample sent → aggregate readable p50, ms", Long.toString(half.latencyQuantileMs(0.5)), "—");
            row(md, "p99, ms", Long.toString(half.latencyQuantileMs(0.99)), "—");
            row(md, "max, ms", Long.toString(half.latencyQuantileMs(1.0)), "—");
        }
        md.append('\n');

        ApiLatencyReport.append(md, r.api(), r.settings().apiSeconds());
        CollectorCpuReport.append(md, r.collector());
        ScalingReport.append(md, r.scaling(), r.settings().racks());

        md.append("## Streams heap and state\n\n");
        line(md, "After the streams throughput run at %d racks × 72 GPUs: `jcmd GC.run`, then `GC.heap_info`.",
                r.settings().racks());
        md.append("\n| measure | value | goal |\n|---|---|---|\n");
        row(md, "used heap after a full GC, MB", fmt("%,.0f", r.heapUsedBytes() / 1048576.0),
                verdict(r.heapUsedBytes() <= HEAP_GOAL_BYTES, "≤ 512 MB"));
        row(md, "state directory, MB", fmt("%,.1f", r.stateBytes() / 1048576.0), "—");
        md.append('\n');

        md.append("## InfluxDB sink\n\n");
        if (r.sink() == null) {
            md.append("Skipped: `influxd` is not installed (`apt-get install influxdb`).\n");
        } else {
            SinkRatioBenchmark.Figures f = r.sink();
            line(md, "%,d GPU points (racks × 72 GPUs × 60 ticks) into a real influxd (Debian 1.6.7), same run: first as"
                    + " raw line protocol over HTTP in batches of %,d (before and after the sink, averaged), then through"
                    + " the sink from Kafka (its consumer, encoder and influxdb-java client); each phase into an influxd"
                    + " started fresh for it (same binary and settings), so none pays for another's compactions.",
                    f.points(), f.batchPoints());
            md.append("\n| measure | value | goal |\n|---|---|---|\n");
            row(md, "raw line protocol, points/s", fmt("%,.0f (before %,.0f, after %,.0f)", f.rawPointsPerS(),
                    f.rawBeforePerS(), f.rawAfterPerS()), "—");
            row(md, "sink, points/s", fmt("%,.0f", f.sinkPointsPerS()), "—");
            row(md, "sink ÷ raw", fmt("%.2f", f.ratio()), verdict(f.ratio() >= 0.8, "≥ 0.8"));
        }
        return md.toString();
    }

    private static String verdict(boolean met, String goal) {
        return goal + (met ? " (met)" : " (**not met**)");
    }

    private static void row(StringBuilder md, String... cells) {
        md.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    private static void line(StringBuilder md, String format, Object... args) {
        md.append(fmt(format, args)).append('\n');
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
