package io.thermalwatch.api.rack;

import io.micronaut.configuration.kafka.ConsumerSeekAware;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.configuration.kafka.seek.KafkaSeekOperation;
import io.micronaut.configuration.kafka.seek.KafkaSeeker;
import io.thermalwatch.api.ApiConfig;
import io.thermalwatch.model.InvalidTelemetryException;
import io.thermalwatch.model.RackAggregateJson;
import io.thermalwatch.model.Topics;
import java.time.Clock;
import java.util.Collection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Materializes {@link Topics#RACK_AGGREGATES} into {@link RackStateRepository}. Every API instance
 * reads every partition (a unique consumer group), starting {@code thermalwatch.api.replay} back
 * in time, and commits nothing: state is rebuilt from the topic at each start.
 */
@KafkaListener(groupId = "thermalwatch-api", uniqueGroupId = true, uniqueGroupIdDeleteOnShutdown = true,
        offsetReset = OffsetReset.EARLIEST, offsetStrategy = OffsetStrategy.DISABLED,
        isolation = IsolationLevel.READ_COMMITTED)
final class RackAggregateListener implements ConsumerSeekAware {

    private static final Logger LOG = LoggerFactory.getLogger(RackAggregateListener.class);

    private final RackStateRepository repository;
    private final ApiConfig config;
    private final Clock clock;

    RackAggregateListener(RackStateRepository repository, ApiConfig config, Clock clock) {
        this.repository = repository;
        this.config = config;
        this.clock = clock;
    }

    @Topic(Topics.RACK_AGGREGATES)
    void receive(ConsumerRecord<String, byte[]> record) {
        try {
            repository.update(RackAggregateJson.read(record.value()));
        } catch (InvalidTelemetryException e) {
            LOG.warn("skipped an unreadable rack aggregate at {}/{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions, KafkaSeeker seeker) {
        long fromMs = clock.millis() - config.replay().toMillis();
        for (KafkaSeekOperation op : KafkaSeekOperation.seekToTimestamp(partitions, fromMs)) {
            seeker.perform(op);
        }
        LOG.info("reading {} partitions of {} from {} ms ago", partitions.size(), Topics.RACK_AGGREGATES,
                config.replay().toMillis());
    }
}
