package io.thermalwatch.sink.it;

import io.thermalwatch.broker.KafkaBroker;
import io.thermalwatch.model.Topics;
import io.thermalwatch.sink.InfluxSinkConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Shared set-up of the sink's integration tests: topics, a producer, a config. */
public final class SinkFixture {

    public static final List<String> TOPICS = List.of(Topics.NODE_SAMPLES, Topics.COOLANT_SAMPLES, Topics.RACK_AGGREGATES, Topics.ALERTS,
            Topics.ROLLUPS);

    private SinkFixture() {
    }

    public static void createTopics(KafkaBroker broker, int partitions) {
        broker.createTopics(TOPICS.stream().map(t -> new NewTopic(t, partitions, (short) 1)).toList());
    }

    public static KafkaProducer<String, byte[]> producer(KafkaBroker broker) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new ByteArraySerializer());
    }

    public static void send(KafkaProducer<String, byte[]> producer, String topic, String key, long timestampMs, byte[] value) {
        producer.send(new ProducerRecord<>(topic, null, timestampMs, key, value));
    }

    public static InfluxSinkConfig config(KafkaBroker broker, String influxUrl, String group, String database, int batchPoints,
                                          int metricsPort) {
        return new InfluxSinkConfig(broker.bootstrapServers(), group, influxUrl, "", "", database, Duration.ofDays(7),
                Duration.ofDays(400), batchPoints, Duration.ofMillis(500), Duration.ofSeconds(5), metricsPort);
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
