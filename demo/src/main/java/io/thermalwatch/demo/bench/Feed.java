package io.thermalwatch.demo.bench;

import io.thermalwatch.collector.CollectorConfig.PublisherSettings;
import io.thermalwatch.collector.publish.TelemetryPublisher;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces the benchmark's node and coolant records with the collector's producer settings (idempotent,
 * {@code acks=all}, lz4, 20 ms linger): as fast as possible, or paced one tick a second the way a
 * fleet of collectors sends (each node at its own phase within the second).
 */
final class Feed implements AutoCloseable {

    /** What one produce run sent and how long it took until every record was acknowledged. */
    record Produced(long records, long gpuSamples, long bytes, long nanos) {
        double recordsPerS() {
            return records * 1e9 / nanos;
        }

        double gpuSamplesPerS() {
            return gpuSamples * 1e9 / nanos;
        }

        double megabytesPerS() {
            return bytes * 1e9 / nanos / 1e6;
        }
    }

    /**
     * A paced run: records sent, and the latest a record was sent after it was due, ms, over
     * {@code ticks} ticks (fewer than asked when it was stopped).
     */
    record Paced(long records, long gpuSamples, long maxStartDelayMs, int ticks) {
    }

    private final KafkaProducer<String, byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Callback onAck = (metadata, e) -> {
        if (e != null) {
            failure.compareAndSet(null, e);
        }
    };

    Feed(String bootstrapServers) {
        Map<String, Object> props = TelemetryPublisher.producerProperties(bootstrapServers,
                new PublisherSettings(20, 60_000, 64L << 20, 64L << 20), "thermalwatch-bench");
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** Ticks {@code firstEventMs, +1 s, ...} of {@code racks} racks to {@code topic}, unpaced. */
    Produced bulk(SampleTemplates templates, String topic, int racks, long firstEventMs, int ticks) {
        int perTick = templates.recordsPerTick(racks);
        long bytes = 0;
        long begin = System.nanoTime();
        for (int k = 0; k < ticks; k++) {
            for (int i = 0; i < perTick; i++) {
                long eventMs = firstEventMs + k * 1_000L;
                producer.send(templates.record(topic, i, eventMs / 1_000, eventMs), onAck);
                bytes += templates.bytes(i);
            }
        }
        producer.flush();
        long nanos = System.nanoTime() - begin;
        requireNoFailure();
        return new Produced((long) perTick * ticks, (long) templates.gpusPerTick(racks) * ticks, bytes, nanos);
    }

    /**
     * One tick a second from {@code firstEventMs} (a wall-clock time, so event time is the time a
     * record is due), recording in {@code tickSentMs} when each tick's first record was handed over.
     * A tick's records are spread evenly over its second ({@link SampleTemplates#slotSentAt}), each
     * stamped with the time it is due: a fleet of collectors at their own phases
     * ({@code TW_SAMPLE_PHASE_MS=auto}) sends such an even stream. {@code faults} (or null) replaces
     * some samples with fault samples and notes when each was sent. Stops before a tick when
     * {@code stop} says so (the ticks sent are in the answer).
     */
    Paced paced(SampleTemplates templates, int racks, long firstEventMs, int ticks, Clock clock,
                Map<Long, Long> tickSentMs, FaultPlan faults, Progress progress, BooleanSupplier stop) {
        int perTick = templates.recordsPerTick(racks);
        long maxDelay = 0;
        int k = 0;
        for (; k < ticks && !stop.getAsBoolean(); k++) {
            long due = firstEventMs + k * 1_000L;
            long tickDelay = -1;
            for (int j = 0; j < perTick; j++) {
                int i = templates.slotSentAt(j, racks);
                long at = due + j * 1_000L / perTick; // = templates.phaseMs(i, racks), without mapping back
                long now = clock.millis();
                while (now < at) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.min(50, at - now)));
                    now = clock.millis();
                }
                if (tickDelay < 0) {
                    tickDelay = now - due;
                    tickSentMs.put(due, now);
                }
                maxDelay = Math.max(maxDelay, now - at);
                FaultPlan.Fault fault = faults == null ? null : faults.at(k, i);
                if (fault == null) {
                    producer.send(templates.record(null, i, due / 1_000, at), onAck);
                } else {
                    faults.sent(fault, now);
                    producer.send(fault.record(), onAck);
                }
            }
            if (k % 5 == 4) {
                progress.say(String.format("  tick %d/%d, %,d records/tick, started %d ms after due", k + 1, ticks,
                        perTick, tickDelay));
            }
        }
        producer.flush();
        requireNoFailure();
        return new Paced((long) perTick * k, (long) templates.gpusPerTick(racks) * k, maxDelay, k);
    }

    private void requireNoFailure() {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("a benchmark record was not acknowledged: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
