package io.thermalwatch.streams;

import io.thermalwatch.model.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running streams app: creates missing topics (when configured), starts {@link KafkaStreams}
 * on {@link TelemetryTopology} and stops it. Used by {@link StreamsMain}, the demo and the tests.
 */
public final class TelemetryStreamsApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryStreamsApp.class);

    private final TelemetryStreamsConfig config;
    private final KafkaStreams streams;

    public TelemetryStreamsApp(TelemetryStreamsConfig config, Clock clock) {
        this.config = config;
        this.streams = new KafkaStreams(TelemetryTopology.build(config.topologySettings(clock)), config.streamsProperties());
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> LOG.info("streams state {} -> {}", before, now));
    }

    /** Creates missing topics if configured, then starts processing (asynchronously). */
    public void start() {
        if (config.createTopics()) {
            createMissingTopics();
        }
        streams.start();
    }

    /** Blocks until the app is RUNNING, or fails after {@code timeout}. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || !streams.state().isRunningOrRebalancing()
                    && streams.state() != KafkaStreams.State.CREATED) {
                throw new IllegalStateException("streams app not running after " + timeout + ": " + streams.state());
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    private void createMissingTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            Set<NewTopic> missing = Topics.all().stream()
                    .filter(t -> !existing.contains(t))
                    .map(t -> {
                        NewTopic topic = new NewTopic(t, config.topicPartitions(), config.topicReplication());
                        // the inventory is a table: the latest entry per rack is all that counts
                        return t.equals(Topics.INVENTORY) ? topic.configs(Map.of("cleanup.policy", "compact")) : topic;
                    })
                    .collect(Collectors.toSet());
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                LOG.info("created topics {}", missing.stream().map(NewTopic::name).sorted().toList());
            }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot create topics on " + config.bootstrapServers() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        LOG.info("streams app closed");
    }
}
