package io.thermalwatch.api.alert;

import io.micronaut.configuration.kafka.ConsumerSeekAware;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.configuration.kafka.seek.KafkaSeekOperation;
import io.micronaut.configuration.kafka.seek.KafkaSeeker;
import io.thermalwatch.model.InvalidTelemetryException;
import io.thermalwatch.model.ThermalAlertJson;
import io.thermalwatch.model.Topics;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds {@link Topics#ALERTS} into {@link FiringAlertRepository}. Every API instance reads every
 * partition (a unique consumer group), only committed transactions (the streams app writes under
 * exactly-once), and commits nothing.
 *
 * <p>It reads the topic <em>from its beginning</em> at every start, not {@code thermalwatch.api.replay}
 * back like the rack aggregates: an alert that fired three days ago and is still firing has written
 * nothing since, so only a read from the start finds it. Alerts are a few records a second at most,
 * so the whole topic is cheap to read. What stays findable is bounded by the topic's retention:
 * an alert whose firing record has been deleted is not shown.
 */
@KafkaListener(groupId = "thermalwatch-api-alerts", uniqueGroupId = true, uniqueGroupIdDeleteOnShutdown = true,
        offsetReset = OffsetReset.EARLIEST, offsetStrategy = OffsetStrategy.DISABLED,
        isolation = IsolationLevel.READ_COMMITTED)
final class AlertChangeListener implements ConsumerSeekAware {

    private static final Logger LOG = LoggerFactory.getLogger(AlertChangeListener.class);

    private final FiringAlertRepository repository;
    private final AtomicLong unreadable = new AtomicLong();

    AlertChangeListener(FiringAlertRepository repository) {
        this.repository = repository;
    }

    @Topic(Topics.ALERTS)
    void receive(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null && record.key() != null) {
            // a tombstone: should the topic ever be compacted, it deletes the alert's key
            repository.remove(record.key());
            return;
        }
        try {
            boolean known = repository.apply(ThermalAlertJson.read(record.value()));
            if (!known) {
                LOG.debug("resolution of an alert not firing here at {}/{}@{}", record.topic(), record.partition(),
                        record.offset());
            }
        } catch (InvalidTelemetryException e) {
            long n = unreadable.incrementAndGet();
            LOG.warn("skipped an unreadable alert change at {}/{}@{} ({} skipped so far): {}", record.topic(),
                    record.partition(), record.offset(), n, e.getMessage());
        }
    }

    /** Records skipped as unreadable since start. */
    long unreadable() {
        return unreadable.get();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions, KafkaSeeker seeker) {
        for (KafkaSeekOperation op : KafkaSeekOperation.seekToBeginning(partitions)) {
            seeker.perform(op);
        }
        LOG.info("reading {} partitions of {} from the beginning", partitions.size(), Topics.ALERTS);
    }
}
