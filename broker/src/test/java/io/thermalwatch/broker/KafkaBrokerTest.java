package io.thermalwatch.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    @Test
    void servesRecordsAndKeepsThemAcrossARestartOnTheSamePort() throws Exception {
        try (KafkaBroker broker = KafkaBroker.startEphemeral()) {
            String bootstrap = broker.bootstrapServers();
            broker.createTopics(List.of(new NewTopic("restart-test", 2, (short) 1)));
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("restart-test", "k", "before")).get();
            }

            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            broker.start();

            assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
            assertThat(readAll(bootstrap, "restart-test", 1)).containsExactly("before");
        }
    }

    @Test
    void createTopicsIsIdempotent() throws Exception {
        try (KafkaBroker broker = KafkaBroker.startEphemeral()) {
            broker.createTopics(List.of(new NewTopic("twice", 3, (short) 1)));
            broker.createTopics(List.of(new NewTopic("twice", 3, (short) 1)));
            try (var admin = broker.admin()) {
                assertThat(admin.describeTopics(List.of("twice")).allTopicNames().get().get("twice").partitions())
                        .hasSize(3);
            }
        }
    }

    private static List<String> readAll(String bootstrap, String topic, int expected) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
            return values;
        }
    }
}
