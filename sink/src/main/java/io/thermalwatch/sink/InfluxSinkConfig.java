package io.thermalwatch.sink;

import io.thermalwatch.model.EnvSettings;
import java.net.URI;
import java.time.Duration;

/**
 * The sink's settings, validated; built from environment variables by {@link #fromEnv} (the
 * README's config table lists each with its default).
 *
 * @param bootstrapServers     {@code KAFKA_BOOTSTRAP_SERVERS}
 * @param groupId              consumer group; its committed offsets are the sink's progress ({@code TW_SINK_GROUP_ID})
 * @param influxUrl            InfluxDB 1.x base URL ({@code TW_SINK_INFLUX_URL})
 * @param influxUser           user, empty for none ({@code TW_SINK_INFLUX_USER})
 * @param influxPassword       password ({@code TW_SINK_INFLUX_PASSWORD})
 * @param database             database, created at start ({@code TW_SINK_DATABASE})
 * @param rawRetention         how long raw points are kept ({@code TW_SINK_RAW_RETENTION}, 7 days)
 * @param downsampledRetention how long 1-minute downsamples and annotations are kept ({@code TW_SINK_DOWNSAMPLED_RETENTION}, 400 days)
 * @param batchPoints          points per write, at most ({@code TW_SINK_BATCH_POINTS})
 * @param maxBackoff           longest wait between two tries of a failed write ({@code TW_SINK_RETRY_MAX_MS})
 * @param writeTimeout         HTTP timeout of one write ({@code TW_SINK_WRITE_TIMEOUT_MS})
 * @param metricsPort          {@code /metrics} and {@code /health}, 0 for none ({@code TW_SINK_METRICS_PORT})
 */
public record InfluxSinkConfig(
        String bootstrapServers,
        String groupId,
        String influxUrl,
        String influxUser,
        String influxPassword,
        String database,
        Duration rawRetention,
        Duration downsampledRetention,
        int batchPoints,
        Duration maxBackoff,
        Duration writeTimeout,
        int metricsPort) {

    private static final Duration MIN_RETENTION = Duration.ofHours(1);
    private static final Duration MAX_RETENTION = Duration.ofDays(3650);

    public InfluxSinkConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("KAFKA_BOOTSTRAP_SERVERS must be set");
        }
        if (groupId == null || !groupId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("TW_SINK_GROUP_ID must be letters, digits, '.', '_' or '-', was '" + groupId + "'");
        }
        URI uri;
        try {
            uri = URI.create(influxUrl);
        } catch (IllegalArgumentException | NullPointerException e) {
            uri = null;
        }
        if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("TW_SINK_INFLUX_URL must be an http(s) URL such as http://localhost:8086, was '"
                    + influxUrl + "'");
        }
        if (database == null || !database.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("TW_SINK_DATABASE must be 1..64 letters, digits, '_' or '-', was '" + database + "'");
        }
        if (rawRetention.compareTo(downsampledRetention) > 0) {
            throw new IllegalArgumentException("TW_SINK_RAW_RETENTION must not be longer than TW_SINK_DOWNSAMPLED_RETENTION");
        }
        if (batchPoints < 1) {
            throw new IllegalArgumentException("TW_SINK_BATCH_POINTS must be at least 1");
        }
    }

    public static InfluxSinkConfig fromEnv(EnvSettings env) {
        return new InfluxSinkConfig(
                env.string("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                env.string("TW_SINK_GROUP_ID", "thermalwatch-sink"),
                env.string("TW_SINK_INFLUX_URL", "http://localhost:8086"),
                env.string("TW_SINK_INFLUX_USER", ""),
                env.string("TW_SINK_INFLUX_PASSWORD", ""),
                env.string("TW_SINK_DATABASE", "thermalwatch"),
                env.duration("TW_SINK_RAW_RETENTION", Duration.ofDays(7), MIN_RETENTION, MAX_RETENTION),
                env.duration("TW_SINK_DOWNSAMPLED_RETENTION", Duration.ofDays(400), MIN_RETENTION, MAX_RETENTION),
                (int) env.integer("TW_SINK_BATCH_POINTS", 5000, 1, 100_000),
                env.millis("TW_SINK_RETRY_MAX_MS", 5000, 100, 600_000),
                env.millis("TW_SINK_WRITE_TIMEOUT_MS", 10_000, 100, 600_000),
                (int) env.integer("TW_SINK_METRICS_PORT", 9466, 0, 65_535));
    }

    /** The same settings against another InfluxDB and database (tests, benchmark). */
    public InfluxSinkConfig with(String bootstrap, String group, String url, String db, int port) {
        return new InfluxSinkConfig(bootstrap, group, url, influxUser, influxPassword, db, rawRetention,
                downsampledRetention, batchPoints, maxBackoff, writeTimeout, port);
    }
}
