package io.thermalwatch.demo.bench;

import java.util.List;
import java.util.Locale;

/** The report's "Scaling" section ({@link ScalingRun}). */
final class ScalingReport {

    private ScalingReport() {
    }

    static void append(StringBuilder md, List<ScalingRun.Cell> cells, int racks) {
        md.append("## Scaling\n\n");
        if (cells.isEmpty()) {
            md.append("Not run (`TW_BENCH_SCALING_PARTITIONS=none`, or it failed: see the progress lines).\n\n");
            return;
        }
        md.append(String.format(Locale.ROOT, "The streams app (all rules on, default settings: a stream thread per core) "
                + "catching up on %,d racks × %d ticks preloaded (node and coolant samples), for each partition count of "
                + "the input topics (a broker of its own each) with 1 and %d instances sharing one application id (each "
                + "its own JVM and state directory); committed records a second from the first commit to the last "
                + "record. Every instance runs on this same machine, so a second one adds no cores: the table shows what "
                + "partitioning and sharing cost or give here; on more machines each instance brings its own.%n%n",
                racks, ScalingRun.TICKS, ScalingRun.MAX_INSTANCES));
        md.append("| partitions | instances | records | records/s | s from launch |\n|---|---|---|---|---|\n");
        for (ScalingRun.Cell c : cells) {
            md.append(String.format(Locale.ROOT, "| %d | %d | %,d | %s | %.1f |%n", c.partitions(), c.instances(), c.records(),
                    c.failure() == null ? String.format(Locale.ROOT, "%,.0f", c.recordsPerS()) : "— (" + c.failure() + ")",
                    c.seconds()));
        }
        md.append('\n');
    }
}
