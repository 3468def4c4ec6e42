package io.thermalwatch.streams;

import io.thermalwatch.streams.alert.RuleBook;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.thermalwatch.broker.KafkaBroker;
import io.thermalwatch.model.DeadLetterHeaders;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.NodeSampleJson;
import io.thermalwatch.model.RackAggregate;
import io.thermalwatch.model.RackAggregateJson;
import io.thermalwatch.model.Topics;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * The streams app on a real broker: aggregates and dead letters reach a read_committed consumer.
 * That alone would also hold under at-least-once; {@link ExactlyOnceAfterKillIT} shows exactly-once.
 */
class TelemetryStreamsAppIT {

    @Test
    void aggregatesAndDeadLettersReachAReadCommittedConsumer() throws Exception {
        try (KafkaBroker broker = KafkaBroker.startEphemeral()) {
            TelemetryStreamsConfig config = new TelemetryStreamsConfig(broker.bootstrapServers(), "streams-it",
                    Files.createTempDirectory("streams-it"), 1, Duration.ofMillis(100), Duration.ofSeconds(10),
                    Duration.ofSeconds(2), Duration.ofMinutes(1), null, RuleBook.defaults(), true, 3, (short) 1);
            long now = System.currentTimeMillis();
            long t0 = now - now % 10_000 - 60_000; // a window-aligned minute ago

            try (TelemetryStreamsApp app = new TelemetryStreamsApp(config, Clock.systemUTC())) {
                app.start();
                app.awaitRunning(Duration.ofSeconds(60));
                assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);

                List<ConsumerRecord<String, byte[]>> aggregates = new ArrayList<>();
                List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
                try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                        new StringSerializer(), new ByteArraySerializer());
                     KafkaConsumer<String, byte[]> consumer = committedReader(broker)) {
                    send(producer, TopologyHarness.node("k1", "a", t0 + 1_000, TopologyHarness.gpu(0, 400, 50, 60.0, 0),
                            TopologyHarness.gpu(1, 600, 55, 61.0, 0)));
                    producer.send(new ProducerRecord<>(Topics.NODE_SAMPLES, "k1", "{oops".getBytes(UTF_8)));
                    send(producer, TopologyHarness.node("k1", "b", t0 + 2_000, TopologyHarness.gpu(0, 250, 45, null, 0)));
                    consumer.subscribe(List.of(Topics.RACK_AGGREGATES, Topics.TELEMETRY_DEAD_LETTER));
                    long[] tick = {t0 + 12_000};
                    await().atMost(Duration.ofSeconds(60)).until(() -> {
                        // like a live collector, keep samples coming: Kafka Streams checks for closed
                        // windows at most once a wall-clock second, on an arriving record
                        send(producer, TopologyHarness.tick("k1", tick[0]++));
                        producer.flush();
                        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                            (r.topic().equals(Topics.RACK_AGGREGATES) ? aggregates : dead).add(r);
                        }
                        return !aggregates.isEmpty() && !dead.isEmpty();
                    });
                }
                RackAggregate a = RackAggregateJson.read(aggregates.get(0).value());
                assertThat(aggregates.get(0).key()).isEqualTo("k1");
                assertThat(a.windowStartMs()).isEqualTo(t0);
                assertThat(a.gpusReporting()).isEqualTo(3);
                assertThat(a.totalPowerW()).isEqualTo(1250.0);
                assertThat(a.maxHbmTempC()).isEqualTo(61.0);
                assertThat(dead).singleElement().satisfies(r -> {
                    assertThat(new String(r.value(), UTF_8)).isEqualTo("{oops");
                    assertThat(new String(r.headers().lastHeader(DeadLetterHeaders.REASON_CODE).value(), UTF_8))
                            .isEqualTo("malformed");
                });
            }
        }
    }

    @Test
    void createsTheSampleTopicsWithArrivalTimestampsAndRefusesProducerTimestampsOrUnequalPartitions() throws Exception {
        try (KafkaBroker broker = KafkaBroker.startEphemeral()) {
            TelemetryStreamsConfig config = new TelemetryStreamsConfig(broker.bootstrapServers(), "topic-check-it",
                    Files.createTempDirectory("topic-check-it"), 1, Duration.ofMillis(100), Duration.ofSeconds(10),
                    Duration.ofSeconds(2), Duration.ofMinutes(1), null, RuleBook.defaults(), true, 2, (short) 1);
            try (TelemetryStreamsApp app = new TelemetryStreamsApp(config, Clock.systemUTC())) {
                app.start();
            }
            for (String name : List.of(Topics.NODE_SAMPLES, Topics.COOLANT_SAMPLES)) {
                ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, name);
                try (Admin admin = broker.admin()) {
                    assertThat(admin.describeConfigs(List.of(topic)).all().get().get(topic)
                            .get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG).value()).as(name).isEqualTo("LogAppendTime");
                    setTimestampType(admin, topic, "CreateTime");
                }
                try (TelemetryStreamsApp app = new TelemetryStreamsApp(config, Clock.systemUTC())) {
                    assertThatThrownBy(app::start).isInstanceOf(IllegalStateException.class)
                            .hasMessageStartingWith("topic " + name + " has message.timestamp.type=CreateTime;"
                                    + " it must be LogAppendTime");
                    assertThat(app.state()).isEqualTo(KafkaStreams.State.CREATED);
                }
                try (Admin admin = broker.admin()) {
                    setTimestampType(admin, topic, "LogAppendTime");
                }
            }
            try (Admin admin = broker.admin()) {
                admin.createPartitions(Map.of(Topics.COOLANT_SAMPLES, NewPartitions.increaseTo(3))).all().get();
            }
            try (TelemetryStreamsApp app = new TelemetryStreamsApp(config, Clock.systemUTC())) {
                assertThatThrownBy(app::start).isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith("topic " + Topics.NODE_SAMPLES + " has 2 partitions and "
                                + Topics.COOLANT_SAMPLES + " has 3; they must be equal");
                assertThat(app.state()).isEqualTo(KafkaStreams.State.CREATED);
            }
        }
    }

    private static void setTimestampType(Admin admin, ConfigResource topic, String type) throws Exception {
        admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(new ConfigEntry(
                TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, type), AlterConfigOp.OpType.SET)))).all().get();
    }

    private static void send(KafkaProducer<String, byte[]> producer, NodeSample sample) {
        producer.send(new ProducerRecord<>(Topics.NODE_SAMPLES, null, sample.eventMs(), sample.rack(),
                NodeSampleJson.write(sample)));
    }

    private static KafkaConsumer<String, byte[]> committedReader(KafkaBroker broker) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "streams-it-reader",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
    }
}
