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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
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
 * Read records, turn them into points, write a batch, and only then commit its offsets. The
 * consumer thread reads and builds the next batch while a writer thread writes the previous one
 * (one batch in flight: reading and encoding overlap the HTTP write instead of adding to it).
 * A failed write is retried with exponential backoff (100 ms doubling up to
 * {@code TW_SINK_RETRY_MAX_MS}) for as long as it takes; meanwhile the consumer thread polls with
 * its partitions paused, so it stays in its group however long influxd is away. A batch whose
 * partitions a rebalance takes away is given up and the kept partitions rewound: whoever reads
 * them next writes the same points again (same series and timestamp), which InfluxDB stores once.
 * So nothing is lost and nothing is doubled.
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
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "influx-sink-writer"));
    private PendingBatch batch = new PendingBatch();
    private PendingBatch inFlight;
    private Future<Boolean> write;
    private volatile boolean running = true;
    /** Tells the writer to stop retrying the batch in flight (a rebalance took it, or stopping). */
    private volatile boolean abandon;
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
                completeIfDone();
                reportUncommitted();
                if (!batch.isEmpty() && (records.isEmpty() || batch.points() >= batchPoints)) {
                    handOff();
                }
            }
        } catch (WakeupException e) {
            // stop() woke a blocking poll
        } finally {
            abandon = true;
            writer.shutdown();
            try {
                writer.awaitTermination(30, TimeUnit.SECONDS);
                completeIfDone();
            } catch (InterruptedException | WakeupException | CommitFailedException e) {
                // not committed: written again after the next start
            }
        }
        int unwritten = batch.records() + (inFlight == null ? 0 : inFlight.records());
        if (unwritten > 0) {
            LOG.info("stopping with {} records not written: they stay uncommitted and are written after the next start", unwritten);
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
                LockSupport.parkNanos(backoff.toNanos()); // not subscribed yet: no group to keep up with
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

    /**
     * Waits for the batch in flight and commits it, then hands the current batch to the writer. The
     * wait is on the write itself, so the next batch goes out the moment it ends (waiting in a
     * paused 200 ms poll instead left influxd idle up to 200 ms after every write: it ran at ~1 core
     * under the sink against ~1.9 under raw writes); between those waits a paused poll keeps the
     * group (a rebalance in it may give the batches up).
     */
    private void handOff() {
        while (inFlight != null && !write.isDone() && running) {
            try {
                write.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                pollPaused();
            } catch (ExecutionException e) {
                break; // completeIfDone reports it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                return;
            }
        }
        completeIfDone();
        if (!running || inFlight != null || batch.isEmpty()) {
            return;
        }
        PendingBatch b = batch;
        batch = new PendingBatch();
        inFlight = b;
        write = writer.submit(() -> writeAll(b));
        reportUncommitted();
    }

    /** Commits the batch in flight once its write has finished (consumer thread). */
    private void completeIfDone() {
        if (inFlight == null || !write.isDone()) {
            return;
        }
        boolean written;
        try {
            written = write.get();
        } catch (InterruptedException | ExecutionException e) {
            written = false;
            LOG.error("writing a batch failed unexpectedly; it is read again", e);
            rewind(inFlight.firstOffsets(), java.util.List.of());
        }
        PendingBatch done = inFlight;
        inFlight = null;
        write = null;
        if (written) {
            commit(done);
        }
        reportUncommitted();
    }

    /** Records read and not yet committed: the batch being filled and the one in flight. */
    private void reportUncommitted() {
        metrics.uncommitted(batch.records() + (inFlight == null ? 0 : inFlight.records()));
    }

    /** Writes every policy's points of a batch, retrying; false if abandoned first (writer thread). */
    private boolean writeAll(PendingBatch b) {
        Duration backoff = FIRST_BACKOFF;
        for (Retention rp : Retention.values()) {
            while (!b.written(rp)) {
                if (abandon) {
                    return false;
                }
                try {
                    store.write(rp, b.lines(rp).text());
                    b.markWritten(rp);
                } catch (WriteFailure e) {
                    if (!e.retryable()) {
                        metrics.batchRejected();
                        LOG.error("InfluxDB refused a batch of {} points to {} (it keeps the points it could; not retried): {}",
                                b.lines(rp).points(), rp.policy(), e.getMessage());
                        b.markWritten(rp);
                        continue;
                    }
                    metrics.writeFailed();
                    if (backoff.equals(FIRST_BACKOFF)) {
                        LOG.warn("InfluxDB write failed, retrying with backoff up to {} ms: {}", maxBackoff.toMillis(), e.getMessage());
                    }
                    if (e.databaseGone()) {
                        try {
                            store.setUp();
                        } catch (WriteFailure again) {
                            LOG.debug("set-up failed too: {}", again.getMessage());
                        }
                    }
                    LockSupport.parkNanos(backoff.toNanos()); // the backoff itself
                    backoff = next(backoff);
                }
            }
        }
        if (!backoff.equals(FIRST_BACKOFF)) {
            LOG.info("InfluxDB writes succeed again");
        }
        return true;
    }

    private void commit(PendingBatch b) {
        try {
            consumer.commitSync(b.offsetsToCommit());
            b.pointsByTopic().forEach(metrics::pointsWritten);
            metrics.batchWritten();
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // the group moved on: whoever owns the partitions now rewrites these points (idempotent)
            LOG.warn("commit failed after a rebalance; the new owner rewrites these {} records: {}", b.records(), e.getMessage());
        }
    }

    /** Polls with every partition paused: a rebalance runs in it, no records come. */
    private void pollPaused() {
        Collection<TopicPartition> assigned = consumer.assignment();
        consumer.pause(assigned);
        try {
            ConsumerRecords<byte[], byte[]> none = consumer.poll(Duration.ZERO);
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

    /** Seeks each kept partition back to the given first offsets. */
    private void rewind(Map<TopicPartition, Long> firstOffsets, Collection<TopicPartition> gone) {
        for (Map.Entry<TopicPartition, Long> e : firstOffsets.entrySet()) {
            if (!gone.contains(e.getKey()) && consumer.assignment().contains(e.getKey())) {
                consumer.seek(e.getKey(), e.getValue());
            }
        }
    }

    /**
     * On a rebalance: commits the batch in flight if its write is done (waiting at most one write
     * attempt), else gives it up; gives the batch being filled up; rewinds kept partitions.
     */
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
            Map<TopicPartition, Long> first = new HashMap<>(batch.firstOffsets());
            int records = batch.records();
            if (inFlight != null) {
                abandon = true;
                boolean written = false;
                try {
                    written = write.get();
                } catch (InterruptedException | ExecutionException e) {
                    LOG.debug("batch in flight given up: {}", e.toString());
                }
                abandon = false;
                if (written) {
                    commit(inFlight);
                } else {
                    inFlight.firstOffsets().forEach((tp, offset) -> first.merge(tp, offset, Math::min));
                    records += inFlight.records();
                }
                inFlight = null;
                write = null;
            }
            if (records > 0) {
                rewind(first, gone);
                LOG.info("rebalance: gave up {} unwritten records; they are read again", records);
            }
            batch = new PendingBatch();
            reportUncommitted();
        }
    }
}
