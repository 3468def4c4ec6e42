package io.thermalwatch.streams;

import static io.thermalwatch.streams.TopologyHarness.gpu;
import static io.thermalwatch.streams.TopologyHarness.node;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermalwatch.broker.KafkaBroker;
import io.thermalwatch.model.ClockEventReasons;
import io.thermalwatch.model.DeadLetterHeaders;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.NodeSampleJson;
import io.thermalwatch.model.RackAggregate;
import io.thermalwatch.model.RackAggregateJson;
import io.thermalwatch.model.Topics;
import io.thermalwatch.streams.it.RackRecomputation;
import io.thermalwatch.streams.it.StreamsChildProcess;
import io.thermalwatch.streams.it.TopicTail;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once for real (issue 12 item 2): the production main runs in a child JVM and is killed
 * with SIGKILL while a transaction that already holds rack aggregates is open, then restarted on
 * the same state directory while samples keep coming. A read_committed consumer must see every
 * rack window exactly once, equal to a recomputation from the input, and every bad record
 * dead-lettered exactly once; the raw log must hold the aborted copies (proof that the kill did
 * abort output that at-least-once would have delivered twice).
 */
class ExactlyOnceAfterKillIT {

    private static final String APP_ID = "eos-kill-it";
    private static final long WINDOW_MS = 1_000;
    private static final long GRACE_MS = 500;
    private static final long TICK_EVENT_MS = 100;
    private static final List<String> RACKS = List.of("k1", "k2", "k3", "k4");

    @Test
    void killedMidTransactionAndRestartedTheAppEmitsEveryRackWindowExactlyOnce() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "eos-kill-it"));
        long now = System.currentTimeMillis();
        long base = now - now % WINDOW_MS - 20 * 60_000; // event time runs 5x real time from 20 min ago
        List<NodeSample> sent = Collections.synchronizedList(new ArrayList<>()); // acknowledged by the broker
        List<String> sendErrors = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger malformed = new AtomicInteger();
        AtomicLong lastEventMs = new AtomicLong();
        ScheduledExecutorService feed = Executors.newSingleThreadScheduledExecutor();

        try (KafkaBroker broker = KafkaBroker.startEphemeral();
             Admin admin = broker.admin();
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                     // the feed must lose nothing on a busy machine: retry for as long as the test may run
                     ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000,
                     ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000),
                     new StringSerializer(), new ByteArraySerializer())) {
            Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                    "TW_STREAMS_APPLICATION_ID", APP_ID,
                    "TW_STREAMS_STATE_DIR", Files.createTempDirectory(work.toAbsolutePath(), "state").toString(),
                    "TW_COMMIT_INTERVAL_MS", "3000", // long transactions: easy to catch one open
                    "TW_WINDOW_MS", Long.toString(WINDOW_MS), "TW_WINDOW_GRACE_MS", Long.toString(GRACE_MS),
                    "TW_TOPIC_PARTITIONS", "2");
            StreamsChildProcess first = StreamsChildProcess.start(env, work.resolve("first.log"));
            await().atMost(Duration.ofSeconds(120)).until(() -> admin.listTopics().names().get().containsAll(Topics.all()));
            // One acknowledged record per partition before the feed starts. A first batch sent into a
            // just-created partition can fail retriably while the idempotent producer's next batches
            // land; its retry is then refused for ever as out of sequence (seen here: the broker logs
            // OutOfOrderSequenceException "0 (incoming), 29 (current end)" and the feed's flush never
            // returns). Sent alone and waited for, a first record has nothing to overtake it.
            assertThat(producer.partitionsFor(Topics.NODE_SAMPLES)).hasSize(2);
            for (int partition = 0; partition < 2; partition++) {
                producer.send(new ProducerRecord<>(Topics.NODE_SAMPLES, partition, "k2",
                        ("{probe " + partition).getBytes(UTF_8))).get(120, TimeUnit.SECONDS);
                malformed.incrementAndGet(); // a malformed probe: dead-lettered like the feed's own
            }

            AtomicInteger tick = new AtomicInteger();
            feed.scheduleAtFixedRate(() -> {
                int t = tick.getAndIncrement();
                long eventMs = base + t * TICK_EVENT_MS;
                for (String rack : RACKS) {
                    for (int n = 0; n < 3; n++) {
                        NodeSample s = sample(rack, rack + "-n" + n, eventMs, t, n);
                        producer.send(record(s), (meta, error) -> {
                            if (error == null) {
                                sent.add(s);
                            } else {
                                sendErrors.add(error.toString());
                            }
                        });
                    }
                }
                if (t % 40 == 0) {
                    producer.send(new ProducerRecord<>(Topics.NODE_SAMPLES, "k2", ("{bad " + t).getBytes(UTF_8)));
                    malformed.incrementAndGet();
                }
                lastEventMs.set(eventMs);
            }, 0, 20, TimeUnit.MILLISECONDS);

            try (TopicTail committed = new TopicTail(broker.bootstrapServers(), Topics.RACK_AGGREGATES, IsolationLevel.READ_COMMITTED);
                 TopicTail raw = new TopicTail(broker.bootstrapServers(), Topics.RACK_AGGREGATES, IsolationLevel.READ_UNCOMMITTED);
                 TopicTail dead = new TopicTail(broker.bootstrapServers(), Topics.TELEMETRY_DEAD_LETTER, IsolationLevel.READ_COMMITTED)) {
                // mid-stream: some output committed, and an open transaction that holds aggregates
                await().atMost(Duration.ofSeconds(180)).until(() -> !committed.poll(Duration.ofMillis(200)).isEmpty());
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> stopWhileAnAggregateIsUncommitted(first, admin));
                first.kill();
                int committedAtKill = committed.readToEnd().size();
                // the killed member never left the group; remove it as an operator would, instead of
                // waiting out its 45 s session
                admin.removeMembersFromConsumerGroup(APP_ID, new RemoveMembersFromConsumerGroupOptions()).all().get();

                try (StreamsChildProcess second = StreamsChildProcess.start(env, work.resolve("second.log"))) {
                    await().atMost(Duration.ofSeconds(180)).until(() -> {
                        committed.poll(Duration.ofMillis(200));
                        return committed.records().size() >= committedAtKill + 4 * RACKS.size();
                    });
                    feed.shutdown();
                    assertThat(feed.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
                    producer.flush();
                    assertThat(sendErrors).as("samples the broker did not take").isEmpty();
                    long lastMs = lastEventMs.get();
                    Map<String, RackAggregate> expected = new TreeMap<>(RackRecomputation.of(sent, WINDOW_MS));
                    expected.values().removeIf(a -> a.windowEndMs() + GRACE_MS > lastMs);

                    await().atMost(Duration.ofSeconds(120)).until(() -> {
                        // keep every partition alive at the last event time: no further window closes,
                        // but Kafka Streams emits closed windows only when a record arrives
                        RACKS.forEach(rack -> send(producer, node(rack, "keep-alive", lastMs, gpu(0, 1, 20, null, 0L))));
                        producer.flush();
                        committed.poll(Duration.ofMillis(200));
                        return windows(committed.records()).keySet().containsAll(expected.keySet());
                    });
                    await().atMost(Duration.ofSeconds(60)).until(() -> allInputCommitted(admin));

                    List<ConsumerRecord<String, byte[]>> deadLetters = dead.readToEnd();
                    assertThat(deadLetters).extracting(r -> new String(r.headers().lastHeader(
                            DeadLetterHeaders.REASON).value(), UTF_8)).allMatch(reason -> reason.startsWith("not valid JSON"));
                    assertThat(deadLetters).hasSize(malformed.get());
                    assertThat(deadLetters.stream().map(r -> new String(r.headers().lastHeader(
                            DeadLetterHeaders.SOURCE_PARTITION).value(), UTF_8) + "@" + new String(r.headers()
                            .lastHeader(DeadLetterHeaders.SOURCE_OFFSET).value(), UTF_8)).distinct()).hasSize(malformed.get());
                    Map<String, List<RackAggregate>> got = windows(committed.readToEnd());
                    got.forEach((key, list) -> assertThat(list).as("committed copies of " + key).hasSize(1));
                    assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
                    expected.forEach((key, want) -> assertThat(got.get(key).get(0)).as(key).usingRecursiveComparison()
                            .withComparatorForType(RackRecomputation.CLOSE, Double.class).isEqualTo(want));


                    int rawCount = raw.readToEnd().size();
                    int committedCount = committed.records().size();
                    assertThat(rawCount).as("aggregates in the log, aborted ones included").isGreaterThan(committedCount);
                    System.out.printf("exactly-once after SIGKILL: %d samples and %d malformed records in, %d rack windows "
                                    + "checked, %d aggregates committed (%d before the kill), %d aborted copies in the log, "
                                    + "%d dead letters%n", sent.size(), malformed.get(), expected.size(), committedCount,
                            committedAtKill, rawCount - committedCount, deadLetters.size());
                }
            } finally {
                feed.shutdownNow();
                if (first.isAlive()) {
                    first.kill();
                }
            }
        }
    }

    /**
     * True once the child is frozen (SIGSTOP) while a transaction holding aggregates is open and
     * stays open for a second: a commit already on its way would have landed by then, so the
     * transaction can only be aborted. Otherwise lets the child run on and returns false.
     */
    private static boolean stopWhileAnAggregateIsUncommitted(StreamsChildProcess child, Admin admin) throws Exception {
        if (!aggregatesUncommitted(admin)) {
            return false;
        }
        child.signal("STOP");
        try {
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> aggregatesUncommitted(admin));
            return true;
        } catch (ConditionTimeoutException committedMeanwhile) {
            child.signal("CONT");
            return false;
        }
    }

    /** Whether a rack-aggregates partition's last stable offset trails its high watermark (an open transaction). */
    private static boolean aggregatesUncommitted(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(Topics.RACK_AGGREGATES)).allTopicNames().get()
                .get(Topics.RACK_AGGREGATES).partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(Topics.RACK_AGGREGATES, p.partition()), p -> OffsetSpec.latest()));
        var stable = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        var high = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get();
        return stable.entrySet().stream().anyMatch(e -> e.getValue().offset() < high.get(e.getKey()).offset());
    }

    /** Whether the app's committed input offsets have reached the end of every node-samples partition. */
    private static boolean allInputCommitted(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> done = admin.listConsumerGroupOffsets(APP_ID)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = done.keySet().stream()
                .filter(tp -> tp.topic().equals(Topics.NODE_SAMPLES))
                .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest()));
        var end = admin.listOffsets(latest).all().get();
        return !end.isEmpty() && end.entrySet().stream().allMatch(e -> done.get(e.getKey()).offset() >= e.getValue().offset());
    }

    private static Map<String, List<RackAggregate>> windows(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> RackAggregateJson.read(r.value()))
                .collect(Collectors.groupingBy(a -> RackRecomputation.key(a.rack(), a.windowStartMs()), TreeMap::new,
                        Collectors.toList()));
    }

    /** Deterministic, varied readings: power, temperatures, missing HBM and thermal throttling all change. */
    private static NodeSample sample(String rack, String node, long eventMs, int tick, int n) {
        long reasons = (tick + n) % 17 == 0 ? ClockEventReasons.SW_THERMAL_SLOWDOWN : 0L;
        return node(rack, node, eventMs,
                gpu(0, 100 + (tick * 7 + n * 13) % 50, 40 + (tick + n) % 20, tick % 3 == 0 ? null : 50.0 + n, reasons),
                gpu(1, 300 + (tick * 3) % 11, 55 + n, 60.0, 0L));
    }

    private static void send(KafkaProducer<String, byte[]> producer, NodeSample sample) {
        producer.send(record(sample));
    }

    private static ProducerRecord<String, byte[]> record(NodeSample sample) {
        return new ProducerRecord<>(Topics.NODE_SAMPLES, null, sample.eventMs(), sample.rack(), NodeSampleJson.write(sample));
    }
}
