package io.thermalwatch.streams;

import io.thermalwatch.model.EnvSettings;
import io.thermalwatch.streams.alert.RuleBook;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The streams app's settings, validated; built from environment variables by {@link #fromEnv}
 * (the README's config table lists each with its default).
 *
 * @param bootstrapServers   {@code KAFKA_BOOTSTRAP_SERVERS}
 * @param applicationId      Kafka Streams application id, also the consumer group ({@code TW_STREAMS_APPLICATION_ID})
 * @param stateDir           local state directory ({@code TW_STREAMS_STATE_DIR}, default {@link #DEFAULT_STATE_DIR})
 * @param threads            stream threads ({@code TW_STREAMS_THREADS}; default one per core: with one, the thread
 *                           waits on each exactly-once commit while the other core idles, and the app
 *                           falls behind at about half the load two threads keep up with)
 * @param commitInterval     exactly-once commit interval: the floor of end-to-end latency ({@code TW_COMMIT_INTERVAL_MS})
 * @param window             rack window size ({@code TW_WINDOW_MS})
 * @param grace              rack window grace period ({@code TW_WINDOW_GRACE_MS})
 * @param maxFutureSkew      how far ahead of its arrival at Kafka an event time may be ({@code TW_MAX_FUTURE_SKEW_MS})
 * @param rulesFile          the operator's alert rule overrides, or null for the shipped defaults ({@code TW_ALERT_RULES_FILE})
 * @param rules              the rules read from the defaults and {@code rulesFile}, checked at construction
 * @param createTopics       create missing topics at start ({@code TW_CREATE_TOPICS})
 * @param topicPartitions    partitions of created topics ({@code TW_TOPIC_PARTITIONS})
 * @param topicReplication   replication factor of created and internal topics ({@code TW_TOPIC_REPLICATION})
 */
public record TelemetryStreamsConfig(
        String bootstrapServers,
        String applicationId,
        Path stateDir,
        int threads,
        Duration commitInterval,
        Duration window,
        Duration grace,
        Duration maxFutureSkew,
        Path rulesFile,
        RuleBook rules,
        boolean createTopics,
        int topicPartitions,
        short topicReplication) {

    /**
     * The state directory when none is set: {@code ~/.local/state/thermalwatch/streams} (the XDG
     * state location). Not under the temporary directory, which the OS may clean while the app runs
     * (Kafka Streams warns about it at every start), losing checkpoints and forcing full restores.
     */
    public static final Path DEFAULT_STATE_DIR =
            Path.of(System.getProperty("user.home"), ".local", "state", "thermalwatch", "streams");

    /** Row and hall rollups are one minute long. */
    public static final Duration ROLLUP_WINDOW = Duration.ofMinutes(1);

    public TelemetryStreamsConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("KAFKA_BOOTSTRAP_SERVERS must be set");
        }
        if (applicationId == null || !applicationId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("TW_STREAMS_APPLICATION_ID must be letters, digits, '.', '_' or '-'");
        }
        if (ROLLUP_WINDOW.toMillis() % window.toMillis() != 0) {
            throw new IllegalArgumentException("TW_WINDOW_MS must divide one minute (the row and hall rollup), was "
                    + window.toMillis());
        }
        if (rules == null) {
            throw new IllegalArgumentException("rules must be given (TW_ALERT_RULES_FILE)");
        }
    }

    /** One stream thread per core the JVM may use (at most 64). */
    static final int DEFAULT_THREADS = Math.min(64, Runtime.getRuntime().availableProcessors());

    public static TelemetryStreamsConfig fromEnv(EnvSettings env) {
        String rulesText = env.string("TW_ALERT_RULES_FILE", "");
        Path rulesFile = rulesText.isBlank() ? null : Path.of(rulesText);
        return new TelemetryStreamsConfig(
                env.string("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                env.string("TW_STREAMS_APPLICATION_ID", "thermalwatch-streams"),
                Path.of(env.string("TW_STREAMS_STATE_DIR", DEFAULT_STATE_DIR.toString())),
                (int) env.integer("TW_STREAMS_THREADS", DEFAULT_THREADS, 1, 64),
                Duration.ofMillis(env.integer("TW_COMMIT_INTERVAL_MS", 100, 1, 60_000)),
                Duration.ofMillis(env.integer("TW_WINDOW_MS", 10_000, 1_000, 3_600_000)),
                Duration.ofMillis(env.integer("TW_WINDOW_GRACE_MS", 5_000, 0, 3_600_000)),
                Duration.ofMillis(env.integer("TW_MAX_FUTURE_SKEW_MS", 60_000, 0, 86_400_000)),
                rulesFile,
                rules(rulesFile),
                env.flag("TW_CREATE_TOPICS", true),
                (int) env.integer("TW_TOPIC_PARTITIONS", 12, 1, 10_000),
                (short) env.integer("TW_TOPIC_REPLICATION", 1, 1, 7));
    }

    private static RuleBook rules(Path file) {
        try {
            return RuleBook.load(file);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TW_ALERT_RULES_FILE: " + e.getMessage(), e);
        }
    }

    /** The topology's settings, with the given processing clock. */
    public TopologySettings topologySettings(Clock clock) {
        return new TopologySettings(window, grace, maxFutureSkew, rules, clock);
    }

    /** Kafka Streams properties: exactly-once v2, lz4 output. */
    public Properties streamsProperties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) topicReplication);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        // a commit sends every changed rack's state to the changelog at once: with the 16 kB default a
        // partition's share went out as many small batches, each with its own lz4 frame (~6 % of the
        // thread's time in the benchmark's profile at 300 k GPU samples/s)
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 128 * 1024);
        // the default from Kafka 5.0 on; set now so Kafka Streams does not warn at every start
        p.put("processing.exception.handler.global.enabled", true);
        return p;
    }
}
