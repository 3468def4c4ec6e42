package io.thermalwatch.api;

import io.thermalwatch.api.security.JwtSecret;
import io.thermalwatch.model.EnvSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The API's environment variables, validated before Micronaut starts so that a bad value stops
 * the app with one line naming the variable and what it allows (Micronaut's own binding would
 * accept {@code 1x} or fail with a stack trace naming a property).
 *
 * @param kafkaBootstrapServers {@code KAFKA_BOOTSTRAP_SERVERS}
 * @param port                  {@code THERMALWATCH_API_PORT}, 1..65535
 * @param staleAfter            {@code THERMALWATCH_API_STALE_AFTER}, 1 s .. 1 day
 * @param replay                {@code THERMALWATCH_API_REPLAY}, 0 s .. 7 days
 * @param influxUrl             {@code THERMALWATCH_API_INFLUX_URL}, the InfluxDB 1.x the sink writes history to
 * @param influxUser            {@code THERMALWATCH_API_INFLUX_USER}, empty for no authentication
 * @param influxPassword        {@code THERMALWATCH_API_INFLUX_PASSWORD}
 * @param influxDatabase        {@code THERMALWATCH_API_INFLUX_DATABASE}, the sink's {@code TW_SINK_DATABASE}
 * @param jwtSecret             {@code THERMALWATCH_API_JWT_SECRET}, the HS256 secret of bearer tokens,
 *                              at least 32 bytes; null when unset (the API refuses to start; the demo
 *                              generates one: {@link #withJwtSecret})
 */
public record ApiSettings(String kafkaBootstrapServers, int port, Duration staleAfter, Duration replay,
        String influxUrl, String influxUser, String influxPassword, String influxDatabase, String jwtSecret) {

    public ApiSettings {
        if (!influxUrl.matches("https?://[^/\\s]+(/\\S*)?")) {
            throw new IllegalArgumentException("THERMALWATCH_API_INFLUX_URL must be an http(s) URL such as "
                    + "http://localhost:8086, was '" + influxUrl + "'");
        }
        if (!influxDatabase.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("THERMALWATCH_API_INFLUX_DATABASE must be 1..64 letters, digits, '_' or '-', was '"
                    + influxDatabase + "'");
        }
        if (jwtSecret != null) {
            JwtSecret.check(jwtSecret);
        }
    }

    public static ApiSettings fromEnv(EnvSettings env) {
        return new ApiSettings(
                env.string("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                (int) env.integer("THERMALWATCH_API_PORT", 8080, 1, 65_535),
                env.duration("THERMALWATCH_API_STALE_AFTER", Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofDays(1)),
                env.duration("THERMALWATCH_API_REPLAY", Duration.ofMinutes(15), Duration.ZERO, Duration.ofDays(7)),
                env.string("THERMALWATCH_API_INFLUX_URL", "http://localhost:8086"),
                env.string("THERMALWATCH_API_INFLUX_USER", ""),
                env.string("THERMALWATCH_API_INFLUX_PASSWORD", ""),
                env.string("THERMALWATCH_API_INFLUX_DATABASE", "thermalwatch"),
                env.string(JwtSecret.ENV, null));
    }

    /** These settings with {@code secret} as the token secret. */
    public ApiSettings withJwtSecret(String secret) {
        return new ApiSettings(kafkaBootstrapServers, port, staleAfter, replay, influxUrl, influxUser, influxPassword,
                influxDatabase, secret);
    }

    /** @throws IllegalArgumentException naming {@code THERMALWATCH_API_JWT_SECRET} when it is unset */
    public ApiSettings requireJwtSecret() {
        JwtSecret.check(jwtSecret);
        return this;
    }

    /** These settings as the Micronaut properties they set. */
    public Map<String, Object> properties() {
        Map<String, Object> p = new HashMap<>(Map.of(
                "kafka.bootstrap.servers", kafkaBootstrapServers,
                "micronaut.server.port", port,
                "thermalwatch.api.stale-after", staleAfter.toMillis() + "ms",
                "thermalwatch.api.replay", replay.toMillis() + "ms",
                "thermalwatch.api.influx.url", influxUrl,
                "thermalwatch.api.influx.user", influxUser,
                "thermalwatch.api.influx.password", influxPassword,
                "thermalwatch.api.influx.database", influxDatabase));
        if (jwtSecret != null) {
            p.put("thermalwatch.api.jwt-secret", jwtSecret);
        }
        return Map.copyOf(p);
    }
}
