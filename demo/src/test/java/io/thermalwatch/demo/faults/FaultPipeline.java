package io.thermalwatch.demo.faults;

import io.thermalwatch.collector.sim.FleetLayout;
import io.thermalwatch.model.RackInventory;
import io.thermalwatch.model.RackInventoryJson;
import io.thermalwatch.model.ThermalAlert;
import io.thermalwatch.model.Topics;
import io.thermalwatch.streams.TelemetryStreamsConfig;
import io.thermalwatch.streams.alert.RuleBook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What the simulator-fault ITs share: the streams app's settings, the inventory, reading alerts by id. */
final class FaultPipeline {

    static final long SEED = 20261128L;
    static final Duration WINDOW = Duration.ofSeconds(10);
    static final Duration GRACE = Duration.ofSeconds(5);

    private FaultPipeline() {
    }

    /** Writes {@code yaml} as a rule override file (TW_ALERT_RULES_FILE) in {@code dir}. */
    static Path rulesFile(Path dir, String yaml) throws IOException {
        return Files.writeString(dir.resolve("rules.yaml"), yaml);
    }

    static TelemetryStreamsConfig config(String bootstrap, String appId, Path stateDir, Path rules) {
        return new TelemetryStreamsConfig(bootstrap, appId, stateDir, 1, Duration.ofMillis(100), WINDOW, GRACE,
                Duration.ofMinutes(1), rules, RuleBook.load(rules), true, 4, (short) 1);
    }

    /** Publishes the fleet's inventory and waits until the broker has it. */
    static void publishInventory(String bootstrap, FleetLayout layout) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new ByteArraySerializer())) {
            for (RackInventory r : SimInventory.of(layout)) {
                producer.send(new ProducerRecord<>(Topics.INVENTORY, r.rack(), RackInventoryJson.write(r)))
                        .get(60, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Input records the app {@code appId} has committed, over every partition of both sample topics
     * (the feed's producer is not transactional: an offset counts records one for one).
     */
    static long committedInput(Admin admin, String appId) throws Exception {
        return admin.listConsumerGroupOffsets(appId).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(e -> e.getKey().topic().equals(Topics.NODE_SAMPLES) || e.getKey().topic().equals(Topics.COOLANT_SAMPLES))
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    /** The alert records by id, in the order the topic holds them (one id is one partition). */
    static Map<String, List<ThermalAlert>> byId(List<AlertLog.Seen> seen) {
        return seen.stream().map(AlertLog.Seen::alert)
                .collect(Collectors.groupingBy(ThermalAlert::id, java.util.TreeMap::new, Collectors.toList()));
    }

    /** Whether {@code id} has a firing record followed by a resolved one. */
    static boolean resolved(List<AlertLog.Seen> seen, String id) {
        List<ThermalAlert> mine = byId(seen).getOrDefault(id, List.of());
        return !mine.isEmpty() && mine.get(mine.size() - 1).state().equals(ThermalAlert.RESOLVED);
    }
}
