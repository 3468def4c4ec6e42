package io.thermalwatch.demo.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.broker.KafkaBroker;
import io.thermalwatch.model.RackInventory;
import io.thermalwatch.model.RackInventoryJson;
import io.thermalwatch.model.Topics;
import io.thermalwatch.streams.inventory.InventoryFile;
import io.thermalwatch.streams.inventory.InventoryLoadMain;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/tw-inventory} (its main, in its own JVM on the packaged classpath) with the README's example file. */
class InventoryToolIT {

    private static final Path EXAMPLE = Path.of("..", "docs", "inventory.example.yaml").toAbsolutePath();

    private static KafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.startEphemeral();
        broker.createTopics(List.of(new NewTopic(Topics.INVENTORY, 2, (short) 1)
                .configs(Map.of("cleanup.policy", "compact"))));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static Process run(Path dir, Map<String, String> env, String... args) throws Exception {
        Process p = ToolProcess.builder(InventoryLoadMain.class, env, args)
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("exits").isTrue();
        return p;
    }

    @Test
    void publishesEveryRackOfTheExampleKeyedByItsId(@TempDir Path dir) throws Exception {
        Process p = run(dir, Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers()), EXAMPLE.toString());
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();
        assertThat(Files.readString(dir.resolve("out.txt"))).isEqualTo("published 4 racks to " + Topics.INVENTORY + "\n");

        List<RackInventory> expected = InventoryFile.read(EXAMPLE);
        List<ConsumerRecord<String, byte[]>> got = readAll(expected.size());
        assertThat(got).allSatisfy(r -> assertThat(RackInventoryJson.read(r.value()).rack()).isEqualTo(r.key()));
        assertThat(got.stream().map(r -> RackInventoryJson.read(r.value())).toList())
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void dryRunPrintsEachRackAsJsonWithoutKafka(@TempDir Path dir) throws Exception {
        Process p = run(dir, Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1"), EXAMPLE.toString(), "--dry-run");
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("out.txt"));
        assertThat(lines.stream().map(l -> RackInventoryJson.read(l.getBytes(StandardCharsets.UTF_8))).toList())
                .isEqualTo(InventoryFile.read(EXAMPLE));
    }

    @Test
    void aBadFileExitsOneNamingItsLineAndPublishesNothing(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "site,hall,row,rack,expectedNodes,expectedGpus\nams1,h1,r09,r09-k01,18,72\n"
                + "ams1,h1,r09,r09-k02,18,0\n");
        long before = recordsOnTopic();
        Process p = run(dir, Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers()), bad.toString());
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(recordsOnTopic()).as("the first, valid line is not published either").isEqualTo(before);
        assertThat(Files.readString(dir.resolve("err.txt")))
                .contains("inventory: " + bad + ":3: expectedGpus must be in 1..64000, was 0");
        assertThat(Files.readString(dir.resolve("out.txt"))).isEmpty();

        Process missing = run(dir, Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers()),
                dir.resolve("nope.yaml").toString());
        assertThat(missing.exitValue()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("err.txt"))).contains("inventory: no such file: " + dir.resolve("nope.yaml"));
    }

    private static long recordsOnTopic() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            return consumer.endOffsets(List.of(new TopicPartition(Topics.INVENTORY, 0), new TopicPartition(Topics.INVENTORY, 1)))
                    .values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(int count) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(Topics.INVENTORY, 0), new TopicPartition(Topics.INVENTORY, 1)));
            consumer.seekToBeginning(consumer.assignment());
            List<ConsumerRecord<String, byte[]>> got = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (got.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(got::add);
            }
            return got;
        }
    }
}
