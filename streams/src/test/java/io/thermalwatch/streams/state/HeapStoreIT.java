package io.thermalwatch.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermalwatch.broker.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;

/**
 * On a real broker under exactly-once: state changed in place on the heap reaches the changelog,
 * and an instance that starts with an empty state directory restores it and carries on.
 */
class HeapStoreIT {

    @Test
    void heapStateSurvivesARestartFromAnEmptyStateDirectory() throws Exception {
        try (KafkaBroker broker = KafkaBroker.startEphemeral()) {
            broker.createTopics(List.of(new NewTopic("in-topic", 2, (short) 1), new NewTopic("out-topic", 2, (short) 1)));
            Map<String, Long> sent = new HashMap<>();
            Map<String, Long> counted = new HashMap<>();
            Throwable[] failure = new Throwable[1];
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(), new StringSerializer());
                 KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "heap-store-it-reader",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new LongDeserializer())) {
                consumer.subscribe(List.of("out-topic"));
                for (int run = 0; run < 2; run++) {
                    try (KafkaStreams streams = new KafkaStreams(topology(), props(broker, Files.createTempDirectory("heap-it")))) {
                        streams.setUncaughtExceptionHandler(e -> {
                            failure[0] = e;
                            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
                        });
                        streams.start();
                        for (int i = 0; i < 150; i++) {
                            String key = "k" + (i % 5);
                            producer.send(new ProducerRecord<>("in-topic", key, "x"));
                            sent.merge(key, 1L, Long::sum);
                        }
                        producer.flush();
                        await().atMost(Duration.ofSeconds(90)).until(() -> {
                            assertThat(failure[0]).as("stream thread failure").isNull();
                            for (ConsumerRecord<String, Long> r : consumer.poll(Duration.ofMillis(200))) {
                                counted.put(r.key(), r.value());
                            }
                            return counted.equals(sent);
                        });
                        // leave the group, so the second instance gets the partitions at once
                        streams.close(org.apache.kafka.streams.CloseOptions.timeout(Duration.ofSeconds(30))
                                .withGroupMembershipOperation(
                                        org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
                    }
                }
            }
            assertThat(counted).containsEntry("k0", 60L).hasSize(5);
        }
    }

    private static Topology topology() {
        Topology topology = new Topology();
        topology.addSource("in", new StringDeserializer(), new StringDeserializer(), "in-topic");
        topology.addProcessor("count", HeapStoreTest.Counter::new, "in");
        topology.addStateStore(new HeapStoreBuilder<>("counts", HeapStoreTest.COUNTER), "count");
        topology.addSink("out", "out-topic", new StringSerializer(), new LongSerializer(), "count");
        return topology;
    }

    private static Properties props(KafkaBroker broker, Path stateDir) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "heap-store-it");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        return p;
    }
}
