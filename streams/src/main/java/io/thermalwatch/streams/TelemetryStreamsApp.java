package io.thermalwatch.streams;

import io.thermalwatch.model.Topics;
import io.thermalwatch.streams.validate.FutureSampleReport;
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
import org.apache.kafka.streams.CloseOptions;
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

    /**
     * Creates missing topics if configured, checks that the sample topics stamp arrival time and are
     * co-partitioned ({@link SampleTopicCheck}), then starts processing (asynchronously).
     *
     * @throws IllegalStateException if topics cannot be created or the sample topics are misconfigured
     */
    public void start() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
            if (config.createTopics()) {
                createMissingTopics(admin);
            }
            SampleTopicCheck.requireArrivalTimeAndCoPartitioning(admin);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot prepare topics on " + config.bootstrapServers() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing topics", e);
        }
        streams.start();
    }

    /**
     * Samples from a node whose clock ran ahead that were accepted and windowed at their arrival,
     * summed over the app's stream threads (the per-thread metric {@link FutureSampleReport#METRIC_TOTAL}).
     */
    public long futureSamplesRetimed() {
        return Math.round(streams.metrics().entrySet().stream()
                .filter(m -> m.getKey().group().equals(FutureSampleReport.METRIC_GROUP)
                        && m.getKey().name().equals(FutureSampleReport.METRIC_TOTAL))
                .mapToDouble(m -> ((Number) m.getValue().metricValue()).doubleValue())
                .sum());
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

    private void createMissingTopics(Admin admin)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        Set<NewTopic> missing = Topics.all().stream()
                .filter(t -> !existing.contains(t))
                .map(t -> new NewTopic(t, config.topicPartitions(), config.topicReplication())
                        .configs(topicConfig(t)))
                .collect(Collectors.toSet());
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            LOG.info("created topics {}", missing.stream().map(NewTopic::name).sorted().toList());
        }
    }

    /**
     * Samples carry their arrival time. The inventory is a table (latest entry per rack); so is the
     * alerts topic (latest change per alert id), so that a reader started at any time finds every
     * alert still firing, however long ago it fired, not only those of the last 7 days.
     */
    private static Map<String, String> topicConfig(String topic) {
        if (SampleTopicCheck.TOPICS.contains(topic)) {
            return SampleTopicCheck.REQUIRED;
        }
        return topic.equals(Topics.INVENTORY) || topic.equals(Topics.ALERTS) ? Map.of("cleanup.policy", "compact") : Map.of();
    }

    @Override
    public void close() {
        // leave the group: a restarted or replacement instance gets the partitions at once, not
        // after the 45 s session timeout (Kafka Streams stays in the group on close by default)
        long start = System.nanoTime();
        streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        LOG.info("streams app closed in {} ms", (System.nanoTime() - start) / 1_000_000);
    }
}
