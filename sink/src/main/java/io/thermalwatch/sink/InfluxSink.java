package io.thermalwatch.sink;

import io.thermalwatch.sink.consume.SinkLoop;
import io.thermalwatch.sink.influx.InfluxStore;
import io.thermalwatch.sink.measurement.LineEncoder;
import io.thermalwatch.sink.measurement.LineEncoders;
import io.thermalwatch.sink.metrics.SinkHttpServer;
import io.thermalwatch.sink.metrics.SinkMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history sink, runnable in-process (the demo, tests) or from {@link SinkMain}: {@link #start}
 * opens the metrics port and starts the consumer thread, {@link #close} stops it within seconds.
 * Records read but not yet written stay uncommitted and are written after the next start.
 */
public final class InfluxSink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InfluxSink.class);
    /** Writes failing this long turn {@code /health} DOWN. */
    static final Duration UNHEALTHY_AFTER = Duration.ofSeconds(10);

    private final InfluxSinkConfig config;
    private final List<LineEncoder> encoders;
    private final SinkMetrics metrics;
    private InfluxStore store;
    private KafkaConsumer<byte[], byte[]> consumer;
    private SinkLoop loop;
    private Thread thread;
    private SinkHttpServer http;

    public InfluxSink(InfluxSinkConfig config, Clock clock) {
        this.config = config;
        this.encoders = LineEncoders.all();
        this.metrics = new SinkMetrics(encoders.stream().map(LineEncoder::topic).toList(), clock);
    }

    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        if (config.metricsPort() > 0) {
            http = new SinkHttpServer(config.metricsPort(), metrics, this::problem);
        }
        store = new InfluxStore(config);
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, config.groupId(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.CLIENT_ID_CONFIG, config.groupId() + "-consumer"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        loop = new SinkLoop(consumer, store, LineEncoders.byTopic(encoders), metrics, config.batchPoints(), config.maxBackoff());
        thread = new Thread(() -> {
            try {
                loop.run();
            } catch (RuntimeException e) {
                LOG.error("sink stopped by an unexpected error", e);
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }, "influx-sink");
        thread.start();
        LOG.info("sink started: Kafka {} (group {}) -> InfluxDB {} database {}{}", config.bootstrapServers(), config.groupId(),
                config.influxUrl(), config.database(), http == null ? "" : ", metrics on :" + http.port());
    }

    /** The sink's counters (points written, lag, failures). */
    public SinkMetrics metrics() {
        return metrics;
    }

    /** The metrics port actually bound, or -1 when none. */
    public int metricsPort() {
        return http == null ? -1 : http.port();
    }

    /** Null when healthy, else why not (for {@code /health}). */
    String problem() {
        if (thread != null && !thread.isAlive()) {
            return "the sink's consumer thread has stopped";
        }
        long failing = metrics.failingForMs();
        return failing >= UNHEALTHY_AFTER.toMillis() ? "InfluxDB writes failing for " + failing / 1000 + " s (retrying)" : null;
    }

    @Override
    public synchronized void close() {
        long t0 = System.nanoTime();
        if (loop != null) {
            loop.stop();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (store != null) {
            store.close();
        }
        if (http != null) {
            http.close();
        }
        LOG.info("sink stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }
}
