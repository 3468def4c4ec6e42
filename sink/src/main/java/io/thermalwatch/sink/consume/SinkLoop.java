package io.thermalwatch.sink.consume;

import io.thermalwatch.sink.influx.InfluxStore;
import io.thermalwatch.sink.influx.InfluxStore.WriteFailure;
import io.thermalwatch.sink.line.LineBuilder;
import io.thermalwatch.sink.measurement.LineEncoder;
import io.thermalwatch.sink.measurement.Retention;
import io.thermalwatch.sink.metrics.SinkMetrics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer thread: read records, turn them into points, write a batch, and only then commit
 * its offsets. A write that fails is retried with exponential backoff (100 ms doubling up to
 * {@code TW_SINK_RETRY_MAX_MS}) for as long as it takes, the partitions paused meanwhile while
 * polling goes on, so the consumer stays in its group however long influxd is away. A batch whose
 * partitions are taken away by a rebalance is given up and its kept partitions rewound: whoever
 * reads them next writes the same points again (same series and timestamp), which InfluxDB stores
 * once. So nothing is lost and nothing is doubled.
 */
public final class SinkLoop {

    private static final Logger LOG = LoggerFactory.getLogger(SinkLoop.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long SKIP_LOG_EVERY_MS = 10_000;

    private final Consumer<byte[], byte[]> consumer;
    private final InfluxStore store;
    private final Map<String, LineEncoder> encoders;
    private final SinkMetrics metrics;
    private final int batchPoints;
    private final Duration maxBackoff;
    private final PendingBatch batch = new PendingBatch();
    private volatile boolean running = true;
    private long lastSkipLogMs;
    private long skippedSinceLog;

    public SinkLoop(Consumer<byte[], byte[]> consumer, InfluxStore store, Map<String, LineEncoder> encoders,
                    SinkMetrics metrics, int batchPoints, Duration maxBackoff) {
        this.consumer = consumer;
        this.store = store;
        this.encoders = Map.copyOf(encoders);
        this.metrics = metrics;
        this.batchPoints = batchPoints;
        this.maxBackoff = maxBackoff;
    }

    /** Runs until {@link #stop}; the caller closes the consumer afterwards. */
    public void run() {
        try {
            setUpSchema();
            consumer.subscribe(encoders.keySet(), new Rewind());
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    encode(r);
                }
                updateLag();
                if (!batch.isEmpty() && (records.isEmpty() || batch.points() >= batchPoints)) {
                    flush();
                }
            }
        } catch (WakeupException e) {
            // stop() woke a blocking poll
        }
        if (!batch.isEmpty()) {
            LOG.info("stopping with {} records not written: they stay uncommitted and are written after the next start",
                    batch.records());
        }
    }

    /** Ends {@link #run} soon; thread-safe. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    private void setUpSchema() {
        Duration backoff = FIRST_BACKOFF;
        while (running) {
            try {
                store.setUp();
                return;
            } catch (WriteFailure e) {
                LOG.warn("cannot set up InfluxDB yet (retrying in {} ms): {}", backoff.toMillis(), e.getMessage());
                waitFor(backoff);
                backoff = next(backoff);
            }
        }
    }

    private void encode(ConsumerRecord<byte[], byte[]> r) {
        metrics.recordRead(r.topic());
        LineEncoder encoder = encoders.get(r.topic());
        LineBuilder lines = batch.lines(encoder.retention());
        int before = lines.points();
        if (r.value() != null) { // a tombstone (compacted alerts topic) carries nothing to write
            try {
                encoder.append(r.value(), r.timestamp(), lines);
            } catch (RuntimeException e) {
                skipped(r, e);
            }
        }
        batch.consumed(new TopicPartition(r.topic(), r.partition()), r.offset(), r.topic(), lines.points() - before);
    }

    private void skipped(ConsumerRecord<byte[], byte[]> r, RuntimeException e) {
        metrics.recordSkipped(r.topic());
        skippedSinceLog++;
        long now = System.currentTimeMillis();
        if (now - lastSkipLogMs >= SKIP_LOG_EVERY_MS) {
            LOG.warn("skipped {} unreadable record(s); latest {}-{}@{}: {}", skippedSinceLog, r.topic(), r.partition(),
                    r.offset(), e.getMessage());
            lastSkipLogMs = now;
            skippedSinceLog = 0;
        } else {
            LOG.debug("skipped unreadable record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }

    /** Writes the batch (retrying until it is written or given up) and commits it. */
    private void flush() {
        metrics.uncommitted(batch.records());
        Duration backoff = FIRST_BACKOFF;
        for (Retention rp : Retention.values()) {
            while (!batch.written(rp)) {
                if (!running || batch.isEmpty()) {
                    return; // stopping, or a rebalance gave the batch up: it stays uncommitted
                }
                try {
                    store.write(rp, batch.lines(rp).text());
                    batch.markWritten(rp);
                } catch (WriteFailure e) {
                    if (!e.retryable()) {
                        metrics.batchRejected();
                        LOG.error("InfluxDB refused a batch of {} points to {} (it keeps the points it could; not retried): {}",
                                batch.lines(rp).points(), rp.policy(), e.getMessage());
                        batch.markWritten(rp);
                        continue;
                    }
                    metrics.writeFailed();
                    if (backoff.equals(FIRST_BACKOFF)) {
                        LOG.warn("InfluxDB write failed, retrying with backoff up to {} ms: {}", maxBackoff.toMillis(), e.getMessage());
                    }
                    if (e.databaseGone()) {
                        setUpSchema();
                    }
                    waitFor(backoff);
                    backoff = next(backoff);
                }
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        if (!backoff.equals(FIRST_BACKOFF)) {
            LOG.info("InfluxDB writes succeed again");
        }
        commit();
    }

    private void commit() {
        try {
            consumer.commitSync(batch.offsetsToCommit());
            batch.pointsByTopic().forEach(metrics::pointsWritten);
            metrics.batchWritten();
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // the group moved on: whoever owns the partitions now rewrites these points (idempotent)
            LOG.warn("commit failed after a rebalance; the new owner rewrites these {} records: {}", batch.records(), e.getMessage());
        }
        batch.clear();
        metrics.uncommitted(0);
    }

    /** Waits by polling paused partitions: heartbeats and rebalances go on, no records come. */
    private void waitFor(Duration d) {
        Collection<TopicPartition> assigned = consumer.assignment();
        consumer.pause(assigned);
        try {
            ConsumerRecords<byte[], byte[]> none = consumer.poll(d);
            if (!none.isEmpty()) {
                throw new IllegalStateException("paused consumer returned records");
            }
        } finally {
            consumer.resume(consumer.assignment());
        }
    }

    private Duration next(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
    }

    private void updateLag() {
        Map<String, Long> byTopic = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(tp);
            byTopic.merge(tp.topic(), lag.orElse(0), Long::sum);
        }
        encoders.keySet().forEach(t -> metrics.lag(t, byTopic.getOrDefault(t, 0L)));
    }

    /** Gives up the pending batch when partitions go, rewinding the ones kept to its first offsets. */
    private final class Rewind implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            giveUp(revoked);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            giveUp(lost);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            LOG.info("assigned {} partition(s)", consumer.assignment().size());
        }

        private void giveUp(Collection<TopicPartition> gone) {
            if (batch.isEmpty()) {
                return;
            }
            for (Map.Entry<TopicPartition, Long> e : batch.firstOffsets().entrySet()) {
                if (!gone.contains(e.getKey()) && consumer.assignment().contains(e.getKey())) {
                    consumer.seek(e.getKey(), e.getValue());
                }
            }
            LOG.info("rebalance: gave up {} unwritten records; they are read again", batch.records());
            batch.clear();
            metrics.uncommitted(0);
        }
    }
}
