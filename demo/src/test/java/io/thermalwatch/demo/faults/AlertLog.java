package io.thermalwatch.demo.faults;

import io.thermalwatch.model.ThermalAlert;
import io.thermalwatch.model.ThermalAlertJson;
import io.thermalwatch.model.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Everything on the alerts topic, committed records only (read_committed), from the beginning, in
 * each partition's order (an alert id always lands in one partition), with the wall time each was
 * first seen. No consumer group.
 */
final class AlertLog implements AutoCloseable {

    /** An alert record and when this log first saw it, wall clock, epoch ms. */
    record Seen(ThermalAlert alert, long seenWallMs) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Seen> seen = new ArrayList<>();

    AlertLog(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS, Duration.ofSeconds(60)).stream()
                .map(p -> new TopicPartition(Topics.ALERTS, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Polls once; returns everything seen so far. */
    List<Seen> poll() {
        long now = System.currentTimeMillis();
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            seen.add(new Seen(ThermalAlertJson.read(r.value()), now));
        }
        return List.copyOf(seen);
    }

    /** Whether some alert seen so far matches. */
    boolean any(Predicate<ThermalAlert> p) {
        return poll().stream().map(Seen::alert).anyMatch(p);
    }

    /** Reads until the end of every partition as of now. */
    List<Seen> readToEnd() {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            poll();
        }
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        consumer.close(java.time.Duration.ofSeconds(5));
    }
}
