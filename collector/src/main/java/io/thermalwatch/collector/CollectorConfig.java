package io.thermalwatch.collector;

import io.thermalwatch.collector.sim.FleetLayout;
import io.thermalwatch.model.EnvSettings;
import java.time.Duration;

/**
 * The collector's settings, validated. Built from environment variables by {@link #fromEnv}; the
 * README's config table lists each variable with its default.
 *
 * @param bootstrapServers Kafka bootstrap servers ({@code KAFKA_BOOTSTRAP_SERVERS})
 * @param fleet            the simulated fleet's shape ({@code TW_SITE}, {@code TW_HALL}, {@code TW_SIM_*})
 * @param seed             simulator seed ({@code TW_SIM_SEED})
 * @param interval         sampling interval, 100 ms .. 1 h ({@code TW_SAMPLE_INTERVAL_MS})
 * @param producer         producer tuning
 */
public record CollectorConfig(
        String bootstrapServers,
        FleetLayout fleet,
        long seed,
        Duration interval,
        PublisherSettings producer) {

    /**
     * Producer tuning.
     *
     * @param lingerMs    how long a batch waits to fill, ms ({@code TW_PRODUCER_LINGER_MS})
     * @param maxBlockMs  the longest a send may block the sampling loop when the broker is away or
     *                    the buffer is full, ms ({@code TW_PRODUCER_MAX_BLOCK_MS})
     * @param bufferBytes memory for unsent records, bytes ({@code TW_PRODUCER_BUFFER_BYTES})
     */
    public record PublisherSettings(int lingerMs, long maxBlockMs, long bufferBytes) {
    }

    public CollectorConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("KAFKA_BOOTSTRAP_SERVERS must be set");
        }
    }

    public static CollectorConfig fromEnv(EnvSettings env) {
        FleetLayout fleet = new FleetLayout(
                env.string("TW_SITE", "site1"),
                env.string("TW_HALL", "h1"),
                (int) env.integer("TW_SIM_RACKS", 16, 1, 100_000),
                (int) env.integer("TW_SIM_RACKS_PER_ROW", 8, 1, 1_000),
                (int) env.integer("TW_SIM_NODES_PER_RACK", 18, 1, 1_000),
                (int) env.integer("TW_SIM_GPUS_PER_NODE", 4, 1, 64));
        return new CollectorConfig(
                env.string("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                fleet,
                env.integer("TW_SIM_SEED", 42, Long.MIN_VALUE, Long.MAX_VALUE),
                Duration.ofMillis(env.integer("TW_SAMPLE_INTERVAL_MS", 1_000, 100, 3_600_000)),
                new PublisherSettings(
                        (int) env.integer("TW_PRODUCER_LINGER_MS", 20, 0, 10_000),
                        env.integer("TW_PRODUCER_MAX_BLOCK_MS", 500, 0, 60_000),
                        env.integer("TW_PRODUCER_BUFFER_BYTES", 64L << 20, 1L << 20, 1L << 31)));
    }
}
