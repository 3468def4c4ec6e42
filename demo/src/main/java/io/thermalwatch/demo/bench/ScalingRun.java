package io.thermalwatch.demo.bench;

import io.thermalwatch.broker.KafkaBroker;
import io.thermalwatch.model.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * The scaling table: the streams app's catch-up rate on the same preloaded records for each input
 * partition count and 1 or {@value #MAX_INSTANCES} instances (one application id: the instances
 * share the partitions, as two replicas of the app do in production). Each partition count gets a
 * broker of its own (the input topics' partition count is the variable); each (partitions,
 * instances) cell a new application id, so it reads the whole input again from the start. On one
 * machine, a second instance adds no cores: the table shows what the partitioning and the
 * instances' coordination cost or give here, not a second machine's gain.
 */
final class ScalingRun {

    static final int MAX_INSTANCES = 2;
    /** Ticks of every rack preloaded for each partition count. */
    static final int TICKS = 12;

    /**
     * One cell of the table.
     *
     * @param partitions  partitions of the input topics
     * @param instances   streams instances sharing them
     * @param records     records preloaded (node and coolant samples)
     * @param recordsPerS committed records a second, from the first commit to the last record, or -1 if it failed
     * @param seconds     from the first instance's launch to the last record committed
     * @param failure     why the cell has no figure, or null
     */
    record Cell(int partitions, int instances, long records, double recordsPerS, double seconds, String failure) {
    }

    private ScalingRun() {
    }

    static List<Cell> run(SampleTemplates templates, int racks, List<Integer> partitionCounts, Path runDir, Clock clock,
                          Progress progress) throws Exception {
        List<Cell> cells = new ArrayList<>();
        long windowMs = 10_000;
        for (int partitions : partitionCounts) {
            progress.say(String.format("scaling: %d partitions, %,d racks × %d ticks preloaded on a broker of its own",
                    partitions, racks, TICKS));
            try (KafkaBroker broker = KafkaBroker.startEphemeralForLoad();
                 Admin admin = broker.admin();
                 Feed feed = new Feed(broker.bootstrapServers())) {
                broker.createTopics(BenchmarkMain.inputTopics(partitions));
                BenchmarkMain.publishInventory(broker.bootstrapServers(), templates, racks);
                long firstEvent = (clock.millis() - 600_000) / windowMs * windowMs;
                Feed.Produced preload = feed.bulk(templates, Topics.NODE_SAMPLES, racks, firstEvent, TICKS);
                for (int instances = 1; instances <= MAX_INSTANCES; instances++) {
                    cells.add(cell(broker.bootstrapServers(), admin, partitions, instances, preload.records(),
                            Files.createDirectories(runDir.resolve("scaling-" + partitions + "-" + instances)), progress));
                }
            }
        }
        return cells;
    }

    private static Cell cell(String bootstrapServers, Admin admin, int partitions, int instances, long records, Path dir,
                             Progress progress) throws Exception {
        String appId = "thermalwatch-bench-scale-" + partitions + "-" + instances;
        List<StreamsChild> children = new ArrayList<>();
        long launched = System.nanoTime();
        try {
            for (int i = 0; i < instances; i++) {
                children.add(StreamsChild.start(bootstrapServers, appId, Files.createDirectories(dir.resolve("state-" + i)),
                        dir.resolve("streams-" + i + ".log")));
            }
            GroupProgress group = new GroupProgress(admin, appId, Topics.NODE_SAMPLES, Topics.COOLANT_SAMPLES);
            long end = group.end();
            long firstCommitted = -1;
            long firstNanos = 0;
            long deadline = launched + TimeUnit.MINUTES.toNanos(5);
            while (true) {
                long committed = group.committed();
                long now = System.nanoTime();
                if (firstCommitted < 0 && committed > 0) {
                    firstCommitted = committed;
                    firstNanos = now;
                }
                if (committed >= end) {
                    boolean sawProgress = firstCommitted < end && now > firstNanos;
                    double rate = sawProgress ? (end - firstCommitted) * 1e9 / (now - firstNanos) : end * 1e9 / (now - launched);
                    Cell c = new Cell(partitions, instances, records, rate, (now - launched) / 1e9, null);
                    progress.say(String.format("  %d partitions, %d instance(s): %,.0f records/s (%.1f s from launch)",
                            partitions, instances, c.recordsPerS(), c.seconds()));
                    return c;
                }
                if (children.stream().anyMatch(ch -> !ch.isAlive()) || now > deadline) {
                    String why = String.format("committed %,d of %,d records in %.0f s%s", committed, end, (now - launched) / 1e9,
                            children.stream().anyMatch(ch -> !ch.isAlive()) ? " (an instance exited; log in " + dir + ")" : "");
                    progress.say(String.format("  %d partitions, %d instance(s): no figure: %s", partitions, instances, why));
                    return new Cell(partitions, instances, records, -1, (now - launched) / 1e9, why);
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        } finally {
            for (StreamsChild child : children) {
                child.close();
            }
        }
    }
}
