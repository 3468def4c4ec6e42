package io.thermalwatch.dispatcher;

import io.thermalwatch.model.EnvSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The dispatcher's settings, validated; built from environment variables by {@link #fromEnv}
 * (the README's config table lists each with its default).
 *
 * @param bootstrapServers  {@code KAFKA_BOOTSTRAP_SERVERS}
 * @param groupId           consumer group holding the delivered offsets ({@code TW_DISPATCHER_GROUP_ID})
 * @param alertmanagers     every Alertmanager of the HA pair, base URLs; each gets every alert ({@code TW_ALERTMANAGER_URLS})
 * @param apiBaseUrl        our API, for each alert's {@code generatorURL} ({@code TW_API_BASE_URL})
 * @param resendInterval    how often firing alerts are sent again; it must stay below Alertmanager's
 *                          {@code resolve_timeout} (5 min by default) ({@code TW_DISPATCHER_RESEND_INTERVAL})
 * @param requestTimeout    one POST to an Alertmanager ({@code TW_DISPATCHER_REQUEST_TIMEOUT})
 * @param maxBackoff        the longest wait between retries to an Alertmanager that is down: also the
 *                          longest delay after it returns ({@code TW_DISPATCHER_MAX_BACKOFF})
 * @param metricsPort       {@code /metrics} and {@code /health}, 0 for none ({@code TW_DISPATCHER_METRICS_PORT})
 */
public record DispatcherConfig(
        String bootstrapServers,
        String groupId,
        List<URI> alertmanagers,
        URI apiBaseUrl,
        Duration resendInterval,
        Duration requestTimeout,
        Duration maxBackoff,
        int metricsPort) {

    /** As Prometheus: a firing alert's endsAt lies 4 resend intervals ahead, so 3 lost sends do not resolve it. */
    public static final int ENDS_AT_INTERVALS = 4;

    public DispatcherConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("KAFKA_BOOTSTRAP_SERVERS must be set");
        }
        if (groupId == null || !groupId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("TW_DISPATCHER_GROUP_ID must be letters, digits, '.', '_' or '-', was '" + groupId + "'");
        }
        if (alertmanagers == null || alertmanagers.isEmpty()) {
            throw new IllegalArgumentException("TW_ALERTMANAGER_URLS must name at least one Alertmanager");
        }
        alertmanagers = List.copyOf(alertmanagers);
        if (alertmanagers.stream().distinct().count() != alertmanagers.size()) {
            throw new IllegalArgumentException("TW_ALERTMANAGER_URLS names an Alertmanager twice: " + alertmanagers);
        }
        if (resendInterval.isNegative() || resendInterval.isZero() || requestTimeout.isZero() || maxBackoff.isZero()) {
            throw new IllegalArgumentException("durations must be positive");
        }
    }

    public static DispatcherConfig fromEnv(EnvSettings env) {
        return new DispatcherConfig(
                env.string("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                env.string("TW_DISPATCHER_GROUP_ID", "thermalwatch-dispatcher"),
                urls("TW_ALERTMANAGER_URLS", env.list("TW_ALERTMANAGER_URLS", "http://localhost:9093")),
                url("TW_API_BASE_URL", env.string("TW_API_BASE_URL", "http://localhost:8080")),
                env.duration("TW_DISPATCHER_RESEND_INTERVAL", Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofMinutes(30)),
                env.duration("TW_DISPATCHER_REQUEST_TIMEOUT", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(5)),
                env.duration("TW_DISPATCHER_MAX_BACKOFF", Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMinutes(5)),
                (int) env.integer("TW_DISPATCHER_METRICS_PORT", 9465, 0, 65_535));
    }

    /** How long a firing alert stays valid at Alertmanager after each send. */
    public Duration firingValidity() {
        return resendInterval.multipliedBy(ENDS_AT_INTERVALS);
    }

    /** Consumer properties: read_committed (the streams app writes alerts exactly once), commits by hand. */
    public Properties consumerProperties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    private static List<URI> urls(String name, List<String> values) {
        List<URI> out = new ArrayList<>();
        for (String v : values) {
            out.add(url(name, v));
        }
        return out;
    }

    private static URI url(String name, String value) {
        try {
            URI uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below, with the variable's name
        }
        throw new IllegalArgumentException(name + " must be http(s) URLs (comma-separated where several), was '" + value + "'");
    }
}
