package io.thermalwatch.demo.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.broker.KafkaBroker;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/tw-topic} against a real broker: what a user types, in its own JVM. */
class TopicToolIT {

    private static final String SAMPLE = "{\"schemaVersion\":1,\"eventMs\":1790000000000,\"site\":\"ams1\",\"hall\":\"h1\","
            + "\"row\":\"r01\",\"rack\":\"r01-k03\",\"node\":\"n1\",\"gpus\":[{\"index\":0,\"uuid\":\"GPU-1\",\"powerW\":-3.5,\"gpuTempC\":40}]}";

    private static KafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.startEphemeral();
        broker.createTopics(List.of(new NewTopic("in", 2, (short) 1), new NewTopic("dlq", 1, (short) 1)));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static Map<String, String> env() {
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    }

    @Test
    void producesEachLineOfStdinKeyedByItsRack(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("samples.jsonl");
        Files.writeString(input, SAMPLE + "\n\nnot json at all\n");
        Path err = dir.resolve("err.txt");
        Process p = ToolProcess.builder(TopicTool.class, env(), "produce", "in")
                .redirectInput(input.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(err)).isZero();
        assertThat(Files.readString(err)).contains("line 3 has no \"rack\" field; sent without a key")
                .contains("produced 2 records to in");

        List<ConsumerRecord<String, byte[]>> got = readAll("in", 2);
        assertThat(got).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("r01-k03", null);
        assertThat(got).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder(SAMPLE, "not json at all");
    }

    @Test
    void producesFromAFileWithKeysOnEachLine(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("keyed.txt");
        Files.writeString(input, "wrong-rack|" + SAMPLE + "\n");
        Process p = ToolProcess.builder(TopicTool.class, env(), "produce", "dlq", input.toString(), "--key-separator", "|")
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("out.txt"))).isZero();
        assertThat(readAll("dlq", 1)).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo("wrong-rack");
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo(SAMPLE);
        });
    }

    @Test
    void tailsATopicWithItsDeadLetterHeaders(@TempDir Path dir) throws Exception {
        broker.createTopics(List.of(new NewTopic("tail-dlq", 1, (short) 1)));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> r = new ProducerRecord<>("tail-dlq", "r01-k03", SAMPLE.getBytes(StandardCharsets.UTF_8));
            r.headers().add("tw.dlq.reason-code", "out-of-range".getBytes(StandardCharsets.UTF_8));
            r.headers().add("tw.dlq.reason", "gpus[0].powerW must be in 0..5000 W, was -3.5".getBytes(StandardCharsets.UTF_8));
            producer.send(r).get();
        }
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = ToolProcess.builder(TopicTool.class, env(), "tail", "tail-dlq", "--from-beginning", "--max", "1",
                "--timeout-ms", "60000").redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(err)).isZero();
        assertThat(Files.readString(out)).isEqualTo("""
                tail-dlq p0@0 key=r01-k03
                  tw.dlq.reason-code: out-of-range
                  tw.dlq.reason: gpus[0].powerW must be in 0..5000 W, was -3.5
                  %s
                """.formatted(SAMPLE));
    }

    @Test
    void aMissingTopicIsNamed(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.txt");
        Process p = ToolProcess.builder(TopicTool.class, env(), "tail", "no-such-topic")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(Files.readString(out).strip())
                .isEqualTo("tw-topic: topic 'no-such-topic' does not exist on " + broker.bootstrapServers());
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String topic, int atLeast) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> got = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (got.size() < atLeast && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(got::add);
            }
            return got;
        }
    }
}
