package io.thermalwatch.demo.bench;

import io.thermalwatch.model.RackAggregate;
import io.thermalwatch.model.RackAggregateJson;
import io.thermalwatch.model.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the rack aggregates as a downstream client does ({@code read_committed}) on its own thread
 * and notes when each became readable.
 */
final class AggregateWatch implements AutoCloseable {

    /** One rack window as read, with the wall-clock time it was read, epoch ms. */
    record Seen(String rack, long startMs, long endMs, long samples, long readMs) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Clock clock;
    private final List<Seen> seen = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    AggregateWatch(String bootstrapServers, int partitions, Clock clock) {
        this.clock = clock;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> all = java.util.stream.IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartition(Topics.RACK_AGGREGATES, p)).toList();
        consumer.assign(all);
        consumer.seekToBeginning(all);
        thread = new Thread(this::run, "bench-aggregate-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                RackAggregate a = RackAggregateJson.read(r.value());
                long now = clock.millis();
                synchronized (seen) {
                    seen.add(new Seen(a.rack(), a.windowStartMs(), a.windowEndMs(), a.samples(), now));
                }
            }
        }
        consumer.close();
    }

    /** Windows read so far that started at or after {@code fromMs} and ended at or before {@code toMs}. */
    List<Seen> within(long fromMs, long toMs) {
        synchronized (seen) {
            return seen.stream().filter(s -> s.startMs() >= fromMs && s.endMs() <= toMs).toList();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
