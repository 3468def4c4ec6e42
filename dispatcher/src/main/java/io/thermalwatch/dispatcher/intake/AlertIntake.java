package io.thermalwatch.dispatcher.intake;

import io.thermalwatch.dispatcher.delivery.CommitPlan;
import io.thermalwatch.dispatcher.delivery.Outbound;
import io.thermalwatch.dispatcher.delivery.TargetQueue;
import io.thermalwatch.model.ThermalAlert;
import io.thermalwatch.model.ThermalAlertJson;
import io.thermalwatch.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the alerts topic (read_committed) on its own thread and hands each state to every
 * Alertmanager's queue; commits offsets only up to what every Alertmanager acknowledged
 * ({@link CommitPlan}).
 *
 * <p>At start it reads the whole (compacted) topic first ({@link StartupState}): every alert still
 * firing is sent again, whatever the committed offsets say (Alertmanager holds alerts in memory
 * only, and a repeated firing state is a no-op there); a resolved one only when its record lies at
 * or after the committed offset, i.e. it may not have reached every Alertmanager, and it resolved
 * within {@link StartupState#RESOLVED_RETENTION} (older ones have expired there by their endsAt).
 * Assigned all partitions, no group rebalancing: run one dispatcher per Alertmanager cluster (two
 * would both deliver everything, which Alertmanager deduplicates).
 */
public final class AlertIntake implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertIntake.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long COMMIT_EVERY_MS = 200;

    private final Properties consumerProperties;
    private final FiringAlerts firing;
    private final List<TargetQueue> queues;
    private final Clock clock;
    private final IntakeCounters counters;
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Map<Integer, Long> committed = Map.of();
    private boolean commitFailing;

    public AlertIntake(Properties consumerProperties, FiringAlerts firing, List<TargetQueue> queues, Clock clock, IntakeCounters counters) {
        this.consumerProperties = consumerProperties;
        this.firing = firing;
        this.queues = List.copyOf(queues);
        this.clock = clock;
        this.counters = counters;
    }

    @Override
    public void run() {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProperties)) {
            consumer = c;
            if (!running) {
                return;
            }
            List<TopicPartition> partitions = awaitPartitions(c);
            c.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> committedAtStart = c.committed(new HashSet<>(partitions));
            Map<TopicPartition, Long> ends = c.endOffsets(partitions);
            c.seekToBeginning(partitions);
            StartupState startup = new StartupState(offsets(committedAtStart, partitions), clock.millis());
            committed = startup.committed();
            readUpTo(c, ends, startup::add);
            List<Outbound> toSend = startup.finish(firing);
            queues.forEach(q -> q.offer(toSend));
            LOG.info("alerts topic read to its end at start: {} firing, {} alert states to deliver to each of {} Alertmanager(s)",
                    firing.size(), toSend.size(), queues.size());
            ready.countDown();
            long nextCommit = 0;
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
                    live(r);
                }
                if (System.currentTimeMillis() >= nextCommit) {
                    commit(c, partitions);
                    nextCommit = System.currentTimeMillis() + COMMIT_EVERY_MS;
                }
            }
            commit(c, partitions);
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer = null;
        }
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<byte[], byte[]> c) {
        boolean logged = false;
        while (running) {
            var infos = c.partitionsFor(Topics.ALERTS);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            }
            if (!logged) {
                LOG.info("waiting for topic {} (the streams app creates it)", Topics.ALERTS);
                logged = true;
            }
            c.poll(Duration.ofMillis(500)); // nothing assigned: returns after the timeout, a wakeup ends it
        }
        throw new WakeupException();
    }

    private void readUpTo(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> ends, Consumer<Decoded> sink) {
        while (running && ends.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue())) {
            for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
                Decoded d = decode(r);
                if (d != null) {
                    sink.accept(d);
                }
            }
        }
    }

    private void live(ConsumerRecord<byte[], byte[]> r) {
        Decoded d = decode(r);
        if (d == null) {
            return;
        }
        if (d.alert() == null) {
            firing.forget(d.id());
            return;
        }
        List<Outbound> out = firing.apply(d.alert(), r.partition(), r.offset(), clock.millis());
        queues.forEach(q -> q.offer(out));
    }

    /** The record's alert; a tombstone as a null alert; null (logged, counted) for an unreadable one. */
    private Decoded decode(ConsumerRecord<byte[], byte[]> r) {
        counters.consumed();
        String id = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
        if (r.value() == null) {
            return id == null ? null : new Decoded(id, null, r.partition(), r.offset());
        }
        try {
            ThermalAlert a = ThermalAlertJson.read(r.value());
            return new Decoded(a.id(), a, r.partition(), r.offset());
        } catch (RuntimeException e) {
            counters.invalid();
            LOG.warn("skipping unreadable alert record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
            return null;
        }
    }

    private void commit(KafkaConsumer<byte[], byte[]> c, List<TopicPartition> partitions) {
        Map<Integer, Long> positions = new HashMap<>();
        partitions.forEach(tp -> positions.put(tp.partition(), c.position(tp)));
        Map<Integer, Long> plan = CommitPlan.committable(positions, queues.stream().map(TargetQueue::lowestPendingOffsets).toList());
        counters.uncommitted(positions.entrySet().stream().mapToLong(e -> e.getValue() - plan.get(e.getKey())).sum());
        if (plan.equals(committed)) {
            return;
        }
        try {
            c.commitSync(plan.entrySet().stream().collect(Collectors.toMap(
                    e -> new TopicPartition(Topics.ALERTS, e.getKey()), e -> new OffsetAndMetadata(e.getValue()))));
            committed = plan;
            if (commitFailing) {
                LOG.info("alert offsets committed again: {}", plan);
                commitFailing = false;
            }
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // the broker is away: delivery goes on; the commit is tried again at the next round
            if (!commitFailing) {
                LOG.warn("cannot commit alert offsets {} yet: {}; retrying", plan, e.getMessage());
                commitFailing = true;
            }
        }
    }

    private static Map<Integer, Long> offsets(Map<TopicPartition, OffsetAndMetadata> committed, List<TopicPartition> partitions) {
        Map<Integer, Long> out = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata o = committed.get(tp);
            out.put(tp.partition(), o == null ? 0L : o.offset());
        }
        return out;
    }

    /** Blocks until the topic was read to its end at start; false on timeout. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    public boolean isReady() {
        return ready.getCount() == 0;
    }

    /** Stops reading; the thread commits what every Alertmanager has and closes the consumer. */
    public void stop() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    /** A record read: its alert id, and its alert or null for a tombstone. */
    record Decoded(String id, ThermalAlert alert, int partition, long offset) {
    }

    /** Where the intake counts; implemented by the metrics. */
    public interface IntakeCounters {
        void consumed();

        void invalid();

        void uncommitted(long records);
    }
}
