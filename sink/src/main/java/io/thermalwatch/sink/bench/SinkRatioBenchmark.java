package io.thermalwatch.sink.bench;

import io.thermalwatch.model.GpuReading;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.NodeSampleJson;
import io.thermalwatch.model.Topics;
import io.thermalwatch.sink.InfluxSink;
import io.thermalwatch.sink.InfluxSinkConfig;
import io.thermalwatch.sink.influx.InfluxStore;
import io.thermalwatch.sink.line.LineBuilder;
import io.thermalwatch.sink.measurement.GpuLines;
import io.thermalwatch.sink.measurement.Retention;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The sink's speed beside raw line-protocol ingest of the same influxd, in the same run: NVL72
 * racks (18 nodes × 4 GPUs) of node samples are put on {@link Topics#NODE_SAMPLES}; then the same
 * points, as line protocol built beforehand and ordered as the sink reads them (rack by rack), are
 * written straight to influxd in batches (raw);
 * then a fresh sink (own consumer group and database) reads the topic and writes them (sink:
 * Kafka read, JSON decode, line building, write, commit); then raw once more. The sink's rate is
 * taken from its first committed batch to its last, leaving the consumer group's join out.
 * Each phase gets an influxd of its own, started fresh (same binary, same settings, a directory of
 * its own) and stopped after it: on one influxd, a phase ran while the server still compacted the
 * previous phase's points (one run measured raw 55 k points/s before the sink and 36 k after), so
 * the figures measured the order of the phases.
 * Use a broker whose node-samples topic holds only what this puts there.
 */
public final class SinkRatioBenchmark {

    private static final int NODES = 18;
    private static final int GPUS = 4;
    private static final int PARTITIONS = 12;

    /**
     * @param points          GPU points written by each phase
     * @param rawPointsPerS   raw line protocol, before and after the sink: their mean
     * @param rawBeforePerS   raw before the sink
     * @param rawAfterPerS    raw after the sink
     * @param sinkPointsPerS  the sink, first committed batch to last
     * @param ratio           sink ÷ raw (goal ≥ 0.8)
     * @param batchPoints     points per write, both
     */
    public record Figures(long points, double rawPointsPerS, double rawBeforePerS, double rawAfterPerS,
                          double sinkPointsPerS, double ratio, int batchPoints) {
    }

    private SinkRatioBenchmark() {
    }

    /** Runs the three phases against Kafka at {@code bootstrapServers}, each with an influxd of its own under {@code influxdDir}. */
    public static Figures measure(String bootstrapServers, Path influxdDir, int racks, int ticks, int batchPoints) {
        long t0 = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
        List<NodeSample> samples = samples(racks, ticks, t0);
        produce(bootstrapServers, samples);
        long points = (long) samples.size() * GPUS;
        String suffix = Long.toString(System.currentTimeMillis());
        InfluxSinkConfig base = InfluxSinkConfig.fromEnv(new io.thermalwatch.model.EnvSettings(Map.of(
                "TW_SINK_BATCH_POINTS", Integer.toString(batchPoints),
                "TW_SINK_WRITE_TIMEOUT_MS", "120000")));
        // raw gets the points in the order the sink reads them: a partition at a time (the
        // producer's partitioner on the rack key), in offset order, so a batch holds the ticks of
        // that partition's racks. How many series a batch touches decides influxd 1.6's speed: in
        // tick order (every 5,000-point batch touching 5,000 series) raw measured 14 k points/s,
        // rack by rack (72 series a batch) ~62 k, and either order would measure the order, not the sink
        List<NodeSample> asRead = new ArrayList<>(samples);
        asRead.sort(java.util.Comparator.comparingInt(s -> partition(s.rack()))); // stable: offset order within
        List<String> batches = lines(asRead, batchPoints);
        double before;
        try (InfluxdServer influxd = InfluxdServer.start(influxdDir.resolve("raw-before"))) {
            before = raw(base.with(bootstrapServers, "bench", influxd.url(), "bench_raw_a" + suffix, 0), batches, points);
        }
        double sink;
        try (InfluxdServer influxd = InfluxdServer.start(influxdDir.resolve("sink"))) {
            sink = sink(base.with(bootstrapServers, "bench-sink-" + suffix, influxd.url(), "bench_sink" + suffix, 0), points);
        }
        double after;
        try (InfluxdServer influxd = InfluxdServer.start(influxdDir.resolve("raw-after"))) {
            after = raw(base.with(bootstrapServers, "bench", influxd.url(), "bench_raw_b" + suffix, 0), batches, points);
        }
        double rawMean = (before + after) / 2;
        return new Figures(points, rawMean, before, after, sink, sink / rawMean, batchPoints);
    }

    /** The partition the producer's default partitioner gives a rack's records (murmur2 of the key). */
    static int partition(String rack) {
        return org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                rack.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % PARTITIONS;
    }

    static List<NodeSample> samples(int racks, int ticks, long t0) {
        List<NodeSample> out = new ArrayList<>(racks * NODES * ticks);
        for (int tick = 0; tick < ticks; tick++) {
            for (int r = 0; r < racks; r++) {
                for (int n = 0; n < NODES; n++) {
                    List<GpuReading> gpus = new ArrayList<>(GPUS);
                    for (int g = 0; g < GPUS; g++) {
                        double p = 400 + (r * 7 + n * 3 + g * 11 + tick) % 900;
                        gpus.add(new GpuReading(g, "GPU-" + r + "-" + n + "-" + g, "NVIDIA GB200", p, 40 + p / 40, 45 + p / 40,
                                1980, 0L, 95.0, 1200.0, 87.0, 92.0, 85.0, 95.0));
                    }
                    String rack = String.format("r%02d-k%02d", r / 8 + 1, r % 8 + 1);
                    out.add(new NodeSample(1, t0 + tick * 1000L, "site1", "h1", rack.substring(0, 3), rack, rack + "-n" + n, gpus));
                }
            }
        }
        return out;
    }

    private static void produce(String bootstrap, List<NodeSample> samples) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(Topics.NODE_SAMPLES, PARTITIONS, (short) 1))).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + Topics.NODE_SAMPLES, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new ByteArraySerializer())) {
            for (NodeSample s : samples) {
                producer.send(new ProducerRecord<>(Topics.NODE_SAMPLES, s.rack(), NodeSampleJson.write(s)));
            }
        }
    }

    private static List<String> lines(List<NodeSample> samples, int batchPoints) {
        List<String> batches = new ArrayList<>();
        LineBuilder b = new LineBuilder(new StringBuilder(1 << 20));
        GpuLines gpu = new GpuLines();
        for (NodeSample s : samples) {
            gpu.append(NodeSampleJson.write(s), s.eventMs(), b);
            if (b.points() >= batchPoints) {
                batches.add(b.text().toString());
                b.clear();
            }
        }
        if (b.points() > 0) {
            batches.add(b.text().toString());
        }
        return batches;
    }

    private static double raw(InfluxSinkConfig config, List<String> batches, long points) {
        try (InfluxStore store = new InfluxStore(config)) {
            store.setUp();
            long start = System.nanoTime();
            for (String batch : batches) {
                store.write(Retention.RAW, batch);
            }
            return points / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static double sink(InfluxSinkConfig config, long points) {
        try (InfluxSink sink = new InfluxSink(config, Clock.systemUTC())) {
            long startedAt = System.nanoTime();
            sink.start();
            long firstAt = 0;
            long firstPoints = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (sink.metrics().pointsWritten() < points) {
                long written = sink.metrics().pointsWritten();
                if (firstAt == 0 && written > 0) {
                    firstAt = System.nanoTime();
                    firstPoints = written;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the sink wrote " + written + " of " + points + " points in 10 minutes");
                }
                LockSupport.parkNanos(Duration.ofMillis(2).toNanos()); // sampling the counter
            }
            if (firstAt == 0 || firstPoints >= points) {
                // everything went in the first write (a small run): only the time from the start measures it,
                // consumer start-up included, so the figure understates the sink
                return points / ((System.nanoTime() - startedAt) / 1e9);
            }
            return (points - firstPoints) / ((System.nanoTime() - firstAt) / 1e9);
        }
    }
}
