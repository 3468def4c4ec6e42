package io.thermalwatch.demo;

import io.thermalwatch.model.RackInventory;
import io.thermalwatch.model.RackInventoryJson;
import io.thermalwatch.model.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes rack inventory entries to the compacted {@link Topics#INVENTORY} topic, keyed by rack
 * id, and waits until the broker has them all (as {@code bin/tw-inventory} does for a file): the
 * demo loads its simulated fleet's inventory before the first sample, so coverage, power budget and
 * coolant design are judged from the first window.
 */
final class InventoryPublisher {

    private InventoryPublisher() {
    }

    /** @throws IllegalStateException if the broker does not acknowledge every entry within 30 s */
    static void publish(String bootstrapServers, List<RackInventory> racks) throws InterruptedException {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000,
                // the delivery timeout must cover linger plus one request: 30 s alone is refused
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000), new StringSerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>(racks.size());
            for (RackInventory rack : racks) {
                sent.add(producer.send(new ProducerRecord<>(Topics.INVENTORY, rack.rack(), RackInventoryJson.write(rack))));
            }
            for (java.util.concurrent.Future<?> ack : sent) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish the fleet's inventory to " + Topics.INVENTORY + ": "
                    + e.getMessage(), e);
        }
    }
}
