package io.thermalwatch.collector;

import io.thermalwatch.collector.sim.FleetLayout;
import io.thermalwatch.model.EnvSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;

/**
 * The collector's settings, validated. Built by {@link #fromEnv} from environment variables,
 * optionally layered over a properties file of the same names ({@code TW_CONFIG_FILE}); the
 * README's config table lists each with its default.
 *
 * @param bootstrapServers Kafka bootstrap servers ({@code KAFKA_BOOTSTRAP_SERVERS})
 * @param sources          which sources this collector reads ({@code TW_SOURCES}, comma-separated)
 * @param node             where this node sits, for the local-GPU sources
 * @param fleet            the simulated fleet's shape ({@code TW_SIM_*})
 * @param seed             simulator seed ({@code TW_SIM_SEED})
 * @param scenario         simulator fault scenario file, or null ({@code TW_SIM_SCENARIO}; {@code none} for none)
 * @param interval         sampling interval, 100 ms .. 1 h ({@code TW_SAMPLE_INTERVAL_MS})
 * @param phase            offset of this collector's ticks within the interval, 0 .. interval − 1 ms
 *                         ({@code TW_SAMPLE_PHASE_MS}; {@code auto}: a stable hash of the node's identity)
 * @param producer         delivery settings
 * @param metricsPort      port of the collector's /metrics and /health, 0 for none ({@code TW_METRICS_PORT})
 * @param nvidiaSmiCommand command printing {@code nvidia-smi -q -x} ({@code TW_NVIDIA_SMI_COMMAND})
 * @param nvml             NVML settings
 * @param dcgmUrl          a dcgm-exporter {@code /metrics} URL ({@code TW_DCGM_URL})
 * @param redfish          Redfish CDU settings
 * @param mqtt             BMS MQTT settings
 * @param smiTLimitC       nvidia-smi: T.Limit, °C, by GPU model ({@code TW_SMI_TLIMIT_C}, {@code MODEL=°C;...})
 */
public record CollectorConfig(
        String bootstrapServers,
        List<String> sources,
        NodeIdentity node,
        FleetLayout fleet,
        long seed,
        Path scenario,
        Duration interval,
        Duration phase,
        PublisherSettings producer,
        int metricsPort,
        List<String> nvidiaSmiCommand,
        NvmlSettings nvml,
        String dcgmUrl,
        RedfishSettings redfish,
        MqttSettings mqtt,
        java.util.Map<String, Double> smiTLimitC) {

    public static final Set<String> SOURCE_NAMES = Set.of("simulator", "nvml", "nvidia-smi", "dcgm", "redfish", "bms-mqtt");

    /**
     * Delivery tuning.
     *
     * @param lingerMs      how long a batch waits to fill, ms ({@code TW_PRODUCER_LINGER_MS})
     * @param maxBlockMs    the longest the sender waits for broker metadata, ms ({@code TW_PRODUCER_MAX_BLOCK_MS})
     * @param bufferBytes   outage buffer, bytes; the oldest samples are dropped past it ({@code TW_BUFFER_BYTES})
     * @param inFlightBytes bytes handed to the Kafka producer at once ({@code TW_PRODUCER_IN_FLIGHT_BYTES})
     */
    public record PublisherSettings(int lingerMs, long maxBlockMs, long bufferBytes, long inFlightBytes) {
    }

    /**
     * @param library        NVML library name or path ({@code TW_NVML_LIBRARY})
     * @param energyInterval how often to read the (slow, ~3 ms) energy counter ({@code TW_NVML_ENERGY_INTERVAL_MS})
     */
    public record NvmlSettings(String library, Duration energyInterval) {
    }

    /**
     * @param url              BMC base URL, e.g. {@code https://bmc-r01-k01} ({@code TW_REDFISH_URL})
     * @param cduPath          the CDU resource ({@code TW_REDFISH_CDU_PATH})
     * @param auth             {@code basic} or {@code session} ({@code TW_REDFISH_AUTH})
     * @param user             user ({@code TW_REDFISH_USER})
     * @param password         password ({@code TW_REDFISH_PASSWORD})
     * @param trustStore       PKCS12 trust store for the BMC's certificate, or null for the JDK's ({@code TW_REDFISH_TRUSTSTORE})
     * @param trustStorePassword its password ({@code TW_REDFISH_TRUSTSTORE_PASSWORD})
     * @param timeout          per-request timeout ({@code TW_REDFISH_TIMEOUT_MS})
     */
    public record RedfishSettings(String url, String cduPath, String auth, String user, String password,
                                  Path trustStore, String trustStorePassword, Duration timeout) {
    }

    /**
     * @param url       broker URL, e.g. {@code tcp://bms:1883} ({@code TW_MQTT_URL})
     * @param topicRoot the BMS topic root ({@code TW_MQTT_TOPIC_ROOT})
     * @param user      user, or empty ({@code TW_MQTT_USER})
     * @param password  password ({@code TW_MQTT_PASSWORD})
     * @param maxAge    a point older than this reads as missing ({@code TW_MQTT_MAX_AGE_MS})
     */
    public record MqttSettings(String url, String topicRoot, String user, String password, Duration maxAge) {
    }

    public CollectorConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("KAFKA_BOOTSTRAP_SERVERS must be set");
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("TW_SOURCES must name at least one source");
        }
        for (String s : sources) {
            if (!SOURCE_NAMES.contains(s)) {
                throw new IllegalArgumentException("TW_SOURCES: unknown source '" + s + "'; known: "
                        + new java.util.TreeSet<>(SOURCE_NAMES));
            }
        }
        sources = List.copyOf(sources);
    }

    /**
     * Settings from a {@code --config} file of {@code NAME=value} lines (the variable names),
     * overridden by the environment. A {@code TW_*} name in the file that no setting reads is
     * refused, suggesting the nearest known name: a misspelled key would otherwise be silently
     * ignored and its default used.
     *
     * @throws IllegalArgumentException if the file cannot be read, holds an unknown {@code TW_*}
     *                                  name, or a setting is invalid
     */
    public static CollectorConfig fromFileAndEnv(Path file, Map<String, String> env) {
        EnvSettings settings = EnvSettings.fromFileAndEnv(file, env);
        CollectorConfig config = fromEnv(settings);
        SortedSet<String> known = settings.namesRead();
        known.add("TW_CONFIG_FILE");
        for (String name : new java.util.TreeSet<>(keysOf(file))) {
            if (name.startsWith("TW_") && !known.contains(name)) {
                String nearest = known.stream().min(Comparator.comparingInt(k -> editDistance(k, name))).orElseThrow();
                throw new IllegalArgumentException("config file " + file + ": unknown setting " + name
                        + "; did you mean " + nearest + "? (the README's configuration table lists every setting)");
            }
        }
        return config;
    }

    private static Set<String> keysOf(Path file) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        return props.stringPropertyNames();
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    public static CollectorConfig fromEnv(EnvSettings env) {
        FleetLayout fleet = new FleetLayout(
                env.string("TW_SITE", "site1"),
                env.string("TW_HALL", "h1"),
                (int) env.integer("TW_SIM_RACKS", 16, 1, 100_000),
                (int) env.integer("TW_SIM_RACKS_PER_ROW", 8, 1, 1_000),
                (int) env.integer("TW_SIM_NODES_PER_RACK", 18, 1, 1_000),
                (int) env.integer("TW_SIM_GPUS_PER_NODE", 4, 1, 64));
        String scenario = env.string("TW_SIM_SCENARIO", "");
        String redfishStore = env.string("TW_REDFISH_TRUSTSTORE", "");
        NodeIdentity node = NodeIdentity.fromEnv(env);
        Duration interval = env.millis("TW_SAMPLE_INTERVAL_MS", 1_000, 100, 3_600_000);
        return new CollectorConfig(
                env.string("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                env.list("TW_SOURCES", "simulator"),
                node,
                fleet,
                env.integer("TW_SIM_SEED", 42, Long.MIN_VALUE, Long.MAX_VALUE),
                scenario.isEmpty() || scenario.equals("none") ? null : Path.of(scenario),
                interval,
                SamplePhase.fromEnv(env, interval, node),
                new PublisherSettings(
                        (int) env.integer("TW_PRODUCER_LINGER_MS", 20, 0, 10_000),
                        env.integer("TW_PRODUCER_MAX_BLOCK_MS", 500, 0, 60_000),
                        env.integer("TW_BUFFER_BYTES", 64L << 20, 64L << 10, 1L << 34),
                        env.integer("TW_PRODUCER_IN_FLIGHT_BYTES", 8L << 20, 64L << 10, 1L << 30)),
                (int) env.integer("TW_METRICS_PORT", 9464, 0, 65_535),
                List.of(env.string("TW_NVIDIA_SMI_COMMAND", "nvidia-smi -q -x").split("\\s+")),
                new NvmlSettings(env.string("TW_NVML_LIBRARY", "libnvidia-ml.so.1"),
                        env.millis("TW_NVML_ENERGY_INTERVAL_MS", 10_000, 1_000, 3_600_000)),
                env.string("TW_DCGM_URL", "http://localhost:9400/metrics"),
                new RedfishSettings(
                        env.string("TW_REDFISH_URL", "https://localhost"),
                        env.string("TW_REDFISH_CDU_PATH", "/redfish/v1/ThermalEquipment/CDUs/1"),
                        env.oneOf("TW_REDFISH_AUTH", "session", Set.of("basic", "session")),
                        env.string("TW_REDFISH_USER", ""),
                        env.string("TW_REDFISH_PASSWORD", ""),
                        redfishStore.isEmpty() ? null : Path.of(redfishStore),
                        env.string("TW_REDFISH_TRUSTSTORE_PASSWORD", ""),
                        env.millis("TW_REDFISH_TIMEOUT_MS", 5_000, 100, 120_000)),
                new MqttSettings(
                        env.string("TW_MQTT_URL", "tcp://localhost:1883"),
                        env.string("TW_MQTT_TOPIC_ROOT", "BMS/v1/PUB"),
                        env.string("TW_MQTT_USER", ""),
                        env.string("TW_MQTT_PASSWORD", ""),
                        env.millis("TW_MQTT_MAX_AGE_MS", 60_000, 1_000, 86_400_000)),
                io.thermalwatch.collector.smi.TLimitEstimator.parseOverrides(env.string("TW_SMI_TLIMIT_C", "")));
    }
}
