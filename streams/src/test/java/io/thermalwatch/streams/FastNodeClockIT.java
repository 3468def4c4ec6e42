package io.thermalwatch.streams;

import io.thermalwatch.streams.alert.RuleBook;
import static io.thermalwatch.streams.TopologyHarness.gpu;
import static io.thermalwatch.streams.TopologyHarness.node;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermalwatch.broker.KafkaBroker;
import io.thermalwatch.model.DeadLetterHeaders;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.NodeSampleJson;
import io.thermalwatch.model.RackAggregate;
import io.thermalwatch.model.RackAggregateJson;
import io.thermalwatch.model.Topics;
import io.thermalwatch.streams.it.RackRecomputation;
import io.thermalwatch.streams.it.TopicTail;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 6 item 2 on a real broker: a fleet of three racks on one partition samples at 4 Hz with
 * correct clocks, except node k1-n0 whose clock runs fast (30 s, 59 s: inside the 60 s skew limit).
 * The streams app runs, is stopped while the fleet goes on, and catches up on the backlog after a
 * restart. No sample is dead-lettered and every rack window holds every sample of its nodes.
 */
class FastNodeClockIT {

    private static final long WINDOW_MS = 2_000;
    private static final long TICK_MS = 250;
    private static final List<String> RACKS = List.of("k1", "k2", "k3");
    private static final String FAST_NODE = "k1-n0";

    @ParameterizedTest(name = "node k1-n0 {0} ms fast")
    @ValueSource(longs = {30_000, 59_000})
    void oneFastNodeClockLeavesNoOtherSampleLateAndEveryRackWindowComplete(long fastByMs) throws Exception {
        try (KafkaBroker broker = KafkaBroker.startEphemeral();
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                     new StringSerializer(), new ByteArraySerializer())) {
            // one partition: every rack shares the fast node's stream time, the worst case
            TelemetryStreamsConfig config = new TelemetryStreamsConfig(broker.bootstrapServers(), "fast-clock-it",
                    Files.createTempDirectory("fast-clock-it"), 1, Duration.ofMillis(100), Duration.ofMillis(WINDOW_MS),
                    Duration.ofSeconds(1), Duration.ofMinutes(1), null, RuleBook.defaults(), true, 1, (short) 1);
            List<NodeSample> sent = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger ticks = new AtomicInteger();
            ScheduledExecutorService fleet = Executors.newSingleThreadScheduledExecutor();
            long retimedBeforeRestart;
            long retimedAfterRestart;

            TelemetryStreamsApp first = new TelemetryStreamsApp(config, Clock.systemUTC());
            try (first) {
                first.start();
                first.awaitRunning(Duration.ofSeconds(90));
                fleet.scheduleAtFixedRate(() -> {
                    long now = System.currentTimeMillis();
                    for (String rack : RACKS) {
                        for (int n = 0; n < 3; n++) {
                            String id = rack + "-n" + n;
                            NodeSample s = node(rack, id, id.equals(FAST_NODE) ? now + fastByMs : now,
                                    gpu(0, 100 + n, 40 + n, 50.0, 0), gpu(1, 200, 45, null, 0));
                            sent.add(s);
                            send(producer, s);
                        }
                    }
                    ticks.incrementAndGet();
                }, 0, TICK_MS, TimeUnit.MILLISECONDS);
                await().atMost(Duration.ofSeconds(60)).until(() -> ticks.get() >= 16);
                retimedBeforeRestart = first.futureSamplesRetimed();
            }
            // the app is down: the fleet's samples, the fast node's among them, pile up as a backlog
            int atStop = ticks.get();
            await().atMost(Duration.ofSeconds(60)).until(() -> ticks.get() >= atStop + 12);
            try (TelemetryStreamsApp second = new TelemetryStreamsApp(config, Clock.systemUTC());
                 TopicTail aggregates = new TopicTail(broker.bootstrapServers(), Topics.RACK_AGGREGATES,
                         IsolationLevel.READ_COMMITTED);
                 TopicTail dead = new TopicTail(broker.bootstrapServers(), Topics.TELEMETRY_DEAD_LETTER,
                         IsolationLevel.READ_COMMITTED)) {
                second.start();
                second.awaitRunning(Duration.ofSeconds(90));
                int atRestart = ticks.get();
                await().atMost(Duration.ofSeconds(60)).until(() -> ticks.get() >= atRestart + 16);
                fleet.shutdown();
                assertThat(fleet.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

                Map<String, RackAggregate> expected = RackRecomputation.of(
                        sent.stream().filter(s -> !s.node().equals(FAST_NODE)).toList(), WINDOW_MS);
                Map<String, RackAggregate> seen = new TreeMap<>();
                await().atMost(Duration.ofSeconds(90)).until(() -> {
                    // a live rack elsewhere on the partition moves stream time past the last windows
                    send(producer, TopologyHarness.tick("k-tick", System.currentTimeMillis()));
                    producer.flush();
                    for (ConsumerRecord<String, byte[]> r : aggregates.poll(Duration.ofMillis(200))) {
                        RackAggregate a = RackAggregateJson.read(r.value());
                        assertThat(seen.put(RackRecomputation.key(a.rack(), a.windowStartMs()), a))
                                .as("window emitted twice").isNull();
                    }
                    assertThat(dead.poll(Duration.ofMillis(50))).as("dead letters")
                            .extracting(r -> new String(r.headers().lastHeader(DeadLetterHeaders.REASON).value(), UTF_8))
                            .isEmpty();
                    return seen.keySet().containsAll(expected.keySet());
                });
                retimedAfterRestart = second.futureSamplesRetimed();

                assertThat(dead.readToEnd()).as("dead letters").isEmpty();
                long fastSent = sent.stream().filter(s -> s.node().equals(FAST_NODE)).count();
                for (Map.Entry<String, RackAggregate> e : expected.entrySet()) {
                    RackAggregate want = e.getValue();
                    RackAggregate got = seen.get(e.getKey());
                    if (want.rack().equals("k1")) {
                        // the fast node's samples sit in the windows of their arrival: check the others
                        assertThat(got.samples()).as(e.getKey()).isGreaterThanOrEqualTo(want.samples());
                        assertThat(got.gpusReporting()).as(e.getKey()).isGreaterThanOrEqualTo(want.gpusReporting());
                    } else {
                        assertThat(got).as(e.getKey()).usingRecursiveComparison()
                                .withComparatorForType(RackRecomputation.CLOSE, Double.class).isEqualTo(want);
                    }
                }
                long k1Samples = seen.values().stream().filter(a -> a.rack().equals("k1"))
                        .mapToLong(RackAggregate::samples).sum();
                long k1Sent = sent.stream().filter(s -> s.rack().equals("k1")).count();
                assertThat(k1Samples).as("rack k1, fast node included: every sample in some window").isEqualTo(k1Sent);
                assertThat(retimedAfterRestart).as("fast samples re-timed after the restart").isPositive();
                System.out.printf("fast by %d ms: %d samples sent (%d from %s), %d rack windows checked, "
                                + "0 dead letters, %d + %d samples re-timed to their arrival (before/after restart)%n",
                        fastByMs, sent.size(), fastSent, FAST_NODE, expected.size(), retimedBeforeRestart,
                        retimedAfterRestart);
            } finally {
                fleet.shutdownNow();
            }
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, NodeSample sample) {
        // like our collectors: the producer timestamp is the sample's own (possibly fast) event time
        producer.send(new ProducerRecord<>(Topics.NODE_SAMPLES, null, sample.eventMs(), sample.rack(),
                NodeSampleJson.write(sample)));
    }
}
