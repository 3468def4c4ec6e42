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
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
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

/**
 * Delivery through real broker outages: every sample arrives once, in order per partition, and
 * what a full buffer drops is exactly its oldest samples, all counted. The sampling loop is ticked
 * by hand on a clock the test moves, so which samples are taken during the outage is exact.
 */
class TelemetryPublisherIT {

    private static final long T0 = 1_790_000_000_000L;
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
        // the smallest in-flight setting (TW_PRODUCER_IN_FLIGHT_BYTES=65536): a batch must still fit the producer's memory
        Map<String, Object> smallest = TelemetryPublisher.producerProperties("b:9092", new PublisherSettings(5, 500, 64 << 10, 64 << 10), "c");
        assertThat((long) (int) smallest.get(ProducerConfig.BATCH_SIZE_CONFIG))
                .isLessThanOrEqualTo((long) smallest.get(ProducerConfig.BUFFER_MEMORY_CONFIG));
    }

    @Test
    void everySampleTakenDuringAnOutageArrivesOnceAndInOrderWhenTheBrokerReturns() throws Exception {
        Run run = new Run("outage", 64L << 20);
        run.ticksDelivered(5);

        broker.stop();
        run.ticks(20); // twenty ticks sampled while the broker is away
        assertThat(run.publisher.pending()).isPositive();
        long pendingAtRestart = run.publisher.pending();
        broker.start();
        long restartedAt = System.nanoTime();
        run.awaitDelivered();
        System.out.printf("outage: %d samples offered in all, %d pending when the broker came back, delivered %d ms later%n",
                run.publisher.offered(), pendingAtRestart, (System.nanoTime() - restartedAt) / 1_000_000);
        run.ticksDelivered(3);
        run.close();

        assertThat(run.publisher.dropped()).isZero();
        assertThat(run.publisher.failed()).isZero();
        List<String> delivered = consumeOnceInOrder(run);
        assertThat(delivered).containsExactlyInAnyOrderElementsOf(run.offered);
    }

    @Test
    void aFullBufferDropsExactlyItsOldestSamplesAndCountsThem() throws Exception {
        Run run = new Run("dropping", 96 * 1024);
        run.ticksDelivered(5);

        broker.stop();
        int firstOfOutage = run.offered.size();
        run.ticks(25);
        int lastOfOutage = run.offered.size() - 1;
        assertThat(run.publisher.dropped()).isGreaterThan(200);
        broker.start();
        run.awaitDelivered();
        run.ticksDelivered(3);
        run.close();

        List<String> delivered = consumeOnceInOrder(run);
        List<Integer> lost = new ArrayList<>();
        java.util.Set<String> arrived = new java.util.HashSet<>(delivered);
        for (int i = 0; i < run.offered.size(); i++) {
            if (!arrived.contains(run.offered.get(i))) {
                lost.add(i);
            }
        }
        int firstLost = lost.get(0);
        int lastLost = lost.get(lost.size() - 1);
        System.out.printf("full buffer: %d offered, %d delivered, %d dropped: samples %d..%d of the outage's %d..%d%n",
                run.offered.size(), delivered.size(), lost.size(), firstLost, lastLost, firstOfOutage, lastOfOutage);
        assertThat((long) lost.size()).as("every undelivered sample is counted").isEqualTo(run.publisher.dropped());
        assertThat(firstLost).as("nothing sampled before the outage is lost").isGreaterThanOrEqualTo(firstOfOutage);
        // the buffer drops only what it holds, oldest first: a sample older than the newest lost one
        // arrived only if the producer held it (in flight since before the drops began), and the
        // producer never holds more than the in-flight bytes
        long deliveredOlderThanLost = 0;
        for (int i = firstOfOutage; i < lastLost; i++) {
            if (arrived.contains(run.offered.get(i))) {
                deliveredOlderThanLost += run.sizes.get(i);
            }
        }
        assertThat(deliveredOlderThanLost).as("samples older than a lost one that arrived were in the producer's hands")
                .isLessThanOrEqualTo(run.inFlightBytes);
        // what survives after the newest lost sample is what the buffer held when the broker came
        // back: the newest samples of the outage, as many as fit its bytes; the lost one did not fit
        long kept = 0;
        for (int i = lastLost + 1; i <= lastOfOutage; i++) {
            kept += run.sizes.get(i);
        }
        assertThat(kept).as("the newest samples fill the buffer").isLessThanOrEqualTo(96 * 1024 + run.inFlightBytes)
                .isGreaterThan(96 * 1024 - run.sizes.get(lastLost));
    }

    /** A collector over a small simulated fleet, ticked by hand, recording each sample it offered in order. */
    private static final class Run implements SampleSink {
        final List<String> offered = Collections.synchronizedList(new ArrayList<>());
        final List<Long> sizes = Collections.synchronizedList(new ArrayList<>());
        final CollectorMetrics metrics = new CollectorMetrics();
        final AtomicLong now = new AtomicLong(T0);
        final TelemetryPublisher publisher;
        final SamplingLoop loop;
        final long inFlightBytes = 256 * 1024;

        Run(String site, long bufferBytes) {
            FleetLayout layout = new FleetLayout(site, "h1", 2, 2, 18, 4);
            publisher = TelemetryPublisher.create(broker.bootstrapServers(),
                    new PublisherSettings(5, 500, bufferBytes, inFlightBytes), "it-" + site).reportTo(metrics);
            loop = new SamplingLoop(List.of(new FleetSimulator(layout, 3)), this, new HandClock(now), Duration.ofSeconds(1),
                    metrics);
        }

        /** Runs {@code n} one-second ticks of the hand-moved clock, back to back (as while Kafka is away). */
        void ticks(int n) {
            for (int i = 0; i < n; i++) {
                loop.tick();
                now.addAndGet(1_000);
            }
        }

        /** Runs {@code n} ticks, each delivered before the next (as while Kafka keeps up): nothing is dropped. */
        void ticksDelivered(int n) {
            for (int i = 0; i < n; i++) {
                ticks(1);
                awaitDelivered();
            }
        }

        void awaitDelivered() {
            await().atMost(Duration.ofSeconds(120)).until(() -> publisher.pending() == 0);
        }

        @Override
        public void accept(NodeSample s) {
            offered.add(id(s.site(), s.node(), s.eventMs()));
            sizes.add(new PendingRecord(Topics.NODE_SAMPLES, s.rack(), s.eventMs(), NodeSampleJson.write(s)).sizeBytes());
            publisher.accept(s);
        }

        @Override
        public void accept(CoolantSample s) {
            offered.add(id(s.site(), s.rack() + "/" + s.loop(), s.eventMs()));
            sizes.add(new PendingRecord(Topics.COOLANT_SAMPLES, s.rack(), s.eventMs(), CoolantSampleJson.write(s)).sizeBytes());
            publisher.accept(s);
        }

        void close() {
            loop.close();
            publisher.close();
        }
    }

    /** A clock the test moves. */
    private static final class HandClock extends Clock {
        private final AtomicLong millis;

        HandClock(AtomicLong millis) {
            this.millis = millis;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    private static String id(String site, String what, long eventMs) {
        return site + "|" + what + "|" + eventMs;
    }

    /**
     * Reads back this run's samples, in the order they sit in each partition, and checks that none
     * arrived twice and that each partition holds them in the order they were offered.
     */
    private static List<String> consumeOnceInOrder(Run run) {
        String site = run.offered.get(0).substring(0, run.offered.get(0).indexOf('|'));
        Map<String, Integer> offeredAt = new HashMap<>();
        for (int i = 0; i < run.offered.size(); i++) {
            offeredAt.put(run.offered.get(i), i);
        }
        Map<String, List<Integer>> byPartition = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
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
                    String id;
                    if (r.topic().equals(Topics.NODE_SAMPLES)) {
                        NodeSample s = NodeSampleJson.read(r.value());
                        assertThat(r.key()).isEqualTo(s.rack());
                        assertThat(r.timestamp()).isEqualTo(s.eventMs());
                        id = s.site().equals(site) ? id(s.site(), s.node(), s.eventMs()) : null;
                    } else {
                        CoolantSample c = CoolantSampleJson.read(r.value());
                        id = c.site().equals(site) ? id(c.site(), c.rack() + "/" + c.loop(), c.eventMs()) : null;
                    }
                    if (id != null) {
                        assertThat(offeredAt).as("delivered but never offered").containsKey(id);
                        ids.add(id);
                        byPartition.computeIfAbsent(r.topic() + "-" + r.partition(), k -> new ArrayList<>()).add(offeredAt.get(id));
                    }
                }
                emptyPolls[0] = batch.isEmpty() && !consumer.assignment().isEmpty() ? emptyPolls[0] + 1 : 0;
                return emptyPolls[0] >= 3; // caught up: three empty polls in a row
            });
        }
        assertThat(ids).as("no sample delivered twice").doesNotHaveDuplicates();
        byPartition.forEach((partition, order) -> assertThat(order).as("%s in the order offered", partition).isSorted());
        assertThat(byPartition).as("both topics carried samples").hasSizeGreaterThanOrEqualTo(2);
        return ids;
    }
}
