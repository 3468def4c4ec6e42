package io.thermalwatch.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermalwatch.broker.KafkaBroker;
import io.thermalwatch.collector.CollectorConfig.PublisherSettings;
import io.thermalwatch.collector.CollectorMetrics;
import io.thermalwatch.collector.SampleSink;
import io.thermalwatch.collector.SamplingLoop;
import io.thermalwatch.collector.sim.FleetLayout;
import io.thermalwatch.collector.sim.FleetSimulator;
import io.thermalwatch.model.CoolantSample;
import io.thermalwatch.model.CoolantSampleJson;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.NodeSampleJson;
import io.thermalwatch.model.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

/** Delivery through real broker outages: nothing is lost that is not counted. */
class TelemetryPublisherIT {

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.startEphemeral();
        broker.createTopics(List.of(new NewTopic(Topics.NODE_SAMPLES, 4, (short) 1),
                new NewTopic(Topics.COOLANT_SAMPLES, 4, (short) 1)));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void producerIsTunedForTelemetry() {
        Map<String, Object> p = TelemetryPublisher.producerProperties("b:9092", new PublisherSettings(5, 2_000, 1 << 20, 1 << 20), "c");
        assertThat(p).containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
    }

    @Test
    void everySampleOfATwentySecondOutageArrivesWhenTheBrokerReturns() throws Exception {
        Run run = new Run("outage", 64L << 20, Duration.ofSeconds(1));
        run.loop.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> run.publisher.acked() > 0);

        broker.stop();
        long ticksAtStop = run.metrics.ticks();
        // twenty one-second ticks sampled while the broker is away
        await().atMost(Duration.ofSeconds(40)).until(() -> run.metrics.ticks() >= ticksAtStop + 20);
        assertThat(run.publisher.pending()).isPositive();
        broker.start();

        long pendingAtRestart = run.publisher.pending();
        long restartedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(120)).until(() -> run.publisher.pending() == 0);
        System.out.printf("outage: %d samples offered in all, %d pending when the broker came back, delivered %d ms later%n",
                run.publisher.offered(), pendingAtRestart, (System.nanoTime() - restartedAt) / 1_000_000);
        run.close();

        assertThat(run.publisher.dropped()).isZero();
        assertThat(run.publisher.failed()).isZero();
        Set<String> delivered = consume("outage");
        assertThat(delivered).hasSize(run.offered.size()).containsExactlyInAnyOrderElementsOf(run.offered);
    }

    @Test
    void aFullBufferDropsTheOldestSamplesAndCountsThem() throws Exception {
        Run run = new Run("dropping", 96 * 1024, Duration.ofMillis(200));
        run.loop.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> run.publisher.acked() > 0);

        broker.stop();
        await().atMost(Duration.ofSeconds(60)).until(() -> run.publisher.dropped() > 200);
        broker.start();
        await().atMost(Duration.ofSeconds(120)).until(() -> run.publisher.pending() == 0);
        run.close();

        Set<String> delivered = consume("dropping");
        Set<String> lost = new HashSet<>(run.offered);
        lost.removeAll(delivered);
        assertThat(delivered).isSubsetOf(run.offered);
        assertThat((long) lost.size()).as("every undelivered sample is counted").isEqualTo(run.publisher.dropped());
        System.out.printf("full buffer: %d offered, %d delivered, %d dropped (oldest first)%n", run.offered.size(),
                delivered.size(), lost.size());
        long newestLost = lost.stream().mapToLong(TelemetryPublisherIT::eventMs).max().orElseThrow();
        long oldestDeliveredAfterLoss = delivered.stream().mapToLong(TelemetryPublisherIT::eventMs)
                .filter(t -> t >= newestLost).min().orElseThrow();
        assertThat(oldestDeliveredAfterLoss).as("the oldest go first").isGreaterThanOrEqualTo(newestLost);
        long lastTick = run.offered.stream().mapToLong(TelemetryPublisherIT::eventMs).max().orElseThrow();
        assertThat(delivered.stream().filter(id -> eventMs(id) == lastTick)).hasSize(run.perTick);
    }

    /** A collector run over a small simulated fleet, recording the id of every sample it offered. */
    private static final class Run implements SampleSink {
        final List<String> offered = Collections.synchronizedList(new ArrayList<>());
        final CollectorMetrics metrics = new CollectorMetrics();
        final TelemetryPublisher publisher;
        final SamplingLoop loop;
        final int perTick;

        Run(String site, long bufferBytes, Duration interval) {
            FleetLayout layout = new FleetLayout(site, "h1", 2, 2, 18, 4);
            perTick = layout.nodes() + layout.racks();
            publisher = TelemetryPublisher.create(broker.bootstrapServers(),
                    new PublisherSettings(5, 500, bufferBytes, 256 * 1024), "it-" + site).reportTo(metrics);
            loop = new SamplingLoop(List.of(new FleetSimulator(layout, 3)), this, Clock.systemUTC(), interval, metrics);
        }

        @Override
        public void accept(NodeSample s) {
            offered.add(id(s.site(), s.node(), s.eventMs()));
            publisher.accept(s);
        }

        @Override
        public void accept(CoolantSample s) {
            offered.add(id(s.site(), s.rack() + "/" + s.loop(), s.eventMs()));
            publisher.accept(s);
        }

        void close() {
            loop.close();
            publisher.close();
        }
    }

    private static String id(String site, String what, long eventMs) {
        return site + "|" + what + "|" + eventMs;
    }

    private static long eventMs(String id) {
        return Long.parseLong(id.substring(id.lastIndexOf('|') + 1));
    }

    private static Set<String> consume(String site) {
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "publisher-it-" + site,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.NODE_SAMPLES, Topics.COOLANT_SAMPLES));
            int[] emptyPolls = {0};
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
                consumer.poll(Duration.ofMillis(500)).forEach(batch::add);
                for (ConsumerRecord<String, byte[]> r : batch) {
                    if (r.topic().equals(Topics.NODE_SAMPLES)) {
                        NodeSample s = NodeSampleJson.read(r.value());
                        assertThat(r.key()).isEqualTo(s.rack());
                        assertThat(r.timestamp()).isEqualTo(s.eventMs());
                        if (s.site().equals(site)) {
                            ids.add(id(s.site(), s.node(), s.eventMs()));
                        }
                    } else {
                        CoolantSample c = CoolantSampleJson.read(r.value());
                        if (c.site().equals(site)) {
                            ids.add(id(c.site(), c.rack() + "/" + c.loop(), c.eventMs()));
                        }
                    }
                }
                emptyPolls[0] = batch.isEmpty() && !consumer.assignment().isEmpty() ? emptyPolls[0] + 1 : 0;
                return emptyPolls[0] >= 3; // caught up: three empty polls in a row
            });
        }
        return ids;
    }
}
