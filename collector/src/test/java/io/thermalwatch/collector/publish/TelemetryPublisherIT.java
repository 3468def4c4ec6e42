package io.thermalwatch.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermalwatch.broker.KafkaBroker;
import io.thermalwatch.collector.CollectorConfig.PublisherSettings;
import io.thermalwatch.collector.SamplingLoop;
import io.thermalwatch.collector.sim.FleetLayout;
import io.thermalwatch.collector.sim.FleetSimulator;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.NodeSampleJson;
import io.thermalwatch.model.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TelemetryPublisherIT {

    private static final long T0 = 1_790_000_000_000L;
    private static final PublisherSettings SETTINGS = new PublisherSettings(5, 2_000, 16L << 20);
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.startEphemeral();
        broker.createTopics(List.of(new NewTopic(Topics.NODE_SAMPLES, 4, (short) 1)));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void producerIsTunedForTelemetry() {
        Map<String, Object> p = TelemetryPublisher.producerProperties("b:9092", SETTINGS, "c");
        assertThat(p).containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000L);
    }

    @Test
    void publishesSamplesKeyedByRackAtTheirEventTimeAndKeepsSamplingThroughABrokerOutage() {
        FleetSimulator sim = new FleetSimulator(new FleetLayout("s1", "h1", 4, 4, 18, 4), 11);
        MutableClock clock = new MutableClock(T0);
        List<NodeSample> expected = new ArrayList<>();
        NodeSampleSourceRecorder source = new NodeSampleSourceRecorder(sim, expected);
        try (TelemetryPublisher publisher = TelemetryPublisher.create(broker.bootstrapServers(), SETTINGS, "it");
             SamplingLoop loop = new SamplingLoop(source, publisher, clock, Duration.ofSeconds(1))) {
            for (int t = 0; t < 3; t++, clock.advanceSeconds(1)) {
                loop.tick();
            }
            publisher.flush();

            broker.stop();
            for (int t = 0; t < 3; t++, clock.advanceSeconds(1)) {
                loop.tick(); // the producer buffers: sampling goes on while the broker is away
            }
            assertThat(loop.ticks()).isEqualTo(6);
            assertThat(publisher.dropped()).isZero();
            broker.start();

            await().atMost(Duration.ofSeconds(60)).until(() -> publisher.acked() == expected.size());
            assertThat(publisher.failed()).isZero();
        }

        List<ConsumerRecord<String, byte[]>> records = consumeAll(expected.size());
        assertThat(records).hasSize(expected.size());
        assertThat(records).allSatisfy(r -> {
            NodeSample s = NodeSampleJson.read(r.value());
            assertThat(r.key()).isEqualTo(s.rack());
            assertThat(r.timestamp()).isEqualTo(s.eventMs());
        });
        assertThat(records.stream().map(r -> NodeSampleJson.read(r.value())).toList())
                .containsExactlyInAnyOrderElementsOf(expected);
        // one partition per rack: a rack's samples never spread
        assertThat(records.stream().collect(java.util.stream.Collectors.groupingBy(
                ConsumerRecord::key, java.util.stream.Collectors.mapping(ConsumerRecord::partition, java.util.stream.Collectors.toSet()))))
                .allSatisfy((rack, partitions) -> assertThat(partitions).hasSize(1));
    }

    private static List<ConsumerRecord<String, byte[]>> consumeAll(int expected) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "publisher-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.NODE_SAMPLES));
            List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                return out.size() >= expected;
            });
            return out;
        }
    }

    /** Records what the source gave, so the test knows exactly what was sent. */
    private record NodeSampleSourceRecorder(FleetSimulator sim, List<NodeSample> seen)
            implements io.thermalwatch.collector.NodeSampleSource {
        @Override
        public List<NodeSample> sample(long eventMs) {
            List<NodeSample> s = sim.sample(eventMs);
            seen.addAll(s);
            return s;
        }
    }

    private static final class MutableClock extends Clock {
        private long millis;

        MutableClock(long millis) {
            this.millis = millis;
        }

        void advanceSeconds(int s) {
            millis += s * 1000L;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }
}
