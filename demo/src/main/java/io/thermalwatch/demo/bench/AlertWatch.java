package io.thermalwatch.demo.bench;

import io.thermalwatch.model.ThermalAlert;
import io.thermalwatch.model.ThermalAlertJson;
import io.thermalwatch.model.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the alerts topic as a downstream client does ({@code read_committed}) on its own thread and
 * notes when each alert identity was first readable as firing.
 */
final class AlertWatch implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Clock clock;
    private final Map<String, Long> firstFiringReadMs = new ConcurrentHashMap<>();
    private final AtomicLong records = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    AlertWatch(String bootstrapServers, int partitions, Clock clock) {
        this.clock = clock;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> all = java.util.stream.IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartition(Topics.ALERTS, p)).toList();
        consumer.assign(all);
        consumer.seekToBeginning(all);
        thread = new Thread(this::run, "bench-alert-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** The key of an alert identity: rule, rack, and the node and GPU or the loop. */
    static String key(String rule, String rack, String node, Integer gpu, String loop) {
        return rule + "|" + rack + "|" + (node != null ? node + "|" + gpu : loop);
    }

    private void run() {
        while (running) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                long now = clock.millis();
                records.incrementAndGet();
                ThermalAlert a = ThermalAlertJson.read(r.value());
                if (ThermalAlert.FIRING.equals(a.state())) {
                    firstFiringReadMs.putIfAbsent(key(a.rule(), a.rack(), a.node(), a.gpu(), a.loop()), now);
                }
            }
        }
        consumer.close();
    }

    /** When an alert identity was first read firing, epoch ms, or null. */
    Long firstFiringMs(String key) {
        return firstFiringReadMs.get(key);
    }

    /** Alert records read so far (firing, escalations, resolutions). */
    long records() {
        return records.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
