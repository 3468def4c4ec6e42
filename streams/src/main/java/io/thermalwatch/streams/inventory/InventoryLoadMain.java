package io.thermalwatch.streams.inventory;

import io.thermalwatch.model.EnvSettings;
import io.thermalwatch.model.RackInventory;
import io.thermalwatch.model.RackInventoryJson;
import io.thermalwatch.model.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code InventoryLoadMain FILE [--dry-run]}: publishes a YAML or CSV inventory to
 * {@link Topics#INVENTORY}, one record per rack keyed by rack id (the compacted topic keeps the
 * latest). {@code --dry-run} prints the entries as JSON lines instead. Exit 0 on success, 1 on a
 * bad file or an unreachable broker, 2 on bad usage. Kafka: {@code KAFKA_BOOTSTRAP_SERVERS}.
 */
public final class InventoryLoadMain {

    private InventoryLoadMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, EnvSettings.system()));
    }

    static int run(String[] args, EnvSettings env) {
        if (args.length < 1 || args.length > 2 || args.length == 2 && !args[1].equals("--dry-run")) {
            System.err.println("usage: InventoryLoadMain FILE.yaml|FILE.csv [--dry-run]");
            return 2;
        }
        List<RackInventory> racks;
        try {
            racks = InventoryFile.read(Path.of(args[0]));
        } catch (java.nio.file.NoSuchFileException e) {
            System.err.println("inventory: no such file: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            System.err.println("inventory: " + e.getMessage());
            return 1;
        }
        if (args.length == 2) {
            racks.forEach(r -> System.out.println(new String(RackInventoryJson.write(r), java.nio.charset.StandardCharsets.UTF_8)));
            return 0;
        }
        String bootstrap = env.string("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000,
                // the delivery timeout must cover linger plus one request: 30 s alone is refused
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000), new StringSerializer(), new ByteArraySerializer())) {
            for (RackInventory r : racks) {
                producer.send(new ProducerRecord<>(Topics.INVENTORY, r.rack(), RackInventoryJson.write(r))).get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            System.err.println("inventory: cannot publish to " + bootstrap + ": " + e.getMessage());
            return 1;
        }
        System.out.println("published " + racks.size() + (racks.size() == 1 ? " rack" : " racks") + " to " + Topics.INVENTORY);
        return 0;
    }
}
