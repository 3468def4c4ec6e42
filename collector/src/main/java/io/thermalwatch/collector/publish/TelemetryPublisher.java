package io.thermalwatch.collector.publish;

import io.thermalwatch.collector.CollectorConfig.PublisherSettings;
import io.thermalwatch.collector.CollectorMetrics;
import io.thermalwatch.collector.SampleSink;
import io.thermalwatch.model.CoolantSample;
import io.thermalwatch.model.CoolantSampleJson;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.NodeSampleJson;
import io.thermalwatch.model.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes samples to Kafka without ever stalling sampling. {@link #accept} serializes the sample
 * into a {@link DeliveryBuffer} (bounded by bytes, drop-oldest) and returns; a sender thread feeds
 * the producer, keeping at most {@code inFlightBytes} handed to it. While the broker is away the
 * producer retries what it holds and the buffer absorbs the rest; when the broker returns, all of
 * it is delivered in order. Memory stays below {@code bufferBytes + inFlightBytes}.
 *
 * <p>Samples are keyed by rack (a rack's data stays on one partition) and stamped with their
 * event time. The producer is idempotent, {@code acks=all}, lz4, lingering.
 */
public final class TelemetryPublisher implements SampleSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryPublisher.class);
    /** How long after its last drop the publisher still reads as dropping (unhealthy). */
    public static final Duration DROPPING_WINDOW = Duration.ofSeconds(10);

    private final Producer<String, byte[]> producer;
    private final DeliveryBuffer buffer;
    private final long inFlightLimitBytes;
    private final Thread sender;
    private final Object inFlightLock = new Object();
    private long inFlightBytes;
    private volatile boolean running = true;
    /** Touched only by the sampling thread, in {@link #enqueue}. */
    private long lastDropWarnNanos = System.nanoTime() - DROPPING_WINDOW.toNanos() - 1;
    private boolean syncRetriable;
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong sendRetries = new AtomicLong();

    public TelemetryPublisher(Producer<String, byte[]> producer, long bufferBytes, long inFlightBytes) {
        this.producer = producer;
        this.buffer = new DeliveryBuffer(bufferBytes);
        this.inFlightLimitBytes = inFlightBytes;
        this.sender = new Thread(this::sendLoop, "telemetry-sender");
        sender.setDaemon(true);
        sender.start();
    }

    public static TelemetryPublisher create(String bootstrapServers, PublisherSettings settings, String clientId) {
        return new TelemetryPublisher(new KafkaProducer<>(producerProperties(bootstrapServers, settings, clientId),
                new StringSerializer(), new ByteArraySerializer()), settings.bufferBytes(), settings.inFlightBytes());
    }

    /** The producer settings, exposed so that tests can check them. */
    public static Map<String, Object> producerProperties(String bootstrapServers, PublisherSettings s, String clientId) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, s.lingerMs());
        // a batch must fit the producer's memory: with the smallest in-flight setting a 256 KiB batch would not
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, (int) Math.min(256 * 1024, s.inFlightBytes()));
        // the producer never holds more than the sender hands it, so its own buffer never fills
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, s.inFlightBytes() * 2);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, s.maxBlockMs());
        // retry through a broker outage for as long as it lasts; the delivery buffer bounds memory
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        return p;
    }

    /** Registers the delivery counters with the collector's metrics. */
    public TelemetryPublisher reportTo(CollectorMetrics metrics) {
        metrics.registerDelivery("samples_offered_total", this::offered);
        metrics.registerDelivery("samples_published_total", this::acked);
        metrics.registerDelivery("samples_dropped_total", this::dropped);
        metrics.registerDelivery("samples_failed_total", this::failed);
        metrics.registerDelivery("buffer_bytes", buffer::bytes);
        metrics.registerDelivery("buffer_records", () -> buffer.size());
        return this;
    }

    @Override
    public void accept(NodeSample sample) {
        enqueue(new PendingRecord(Topics.NODE_SAMPLES, sample.rack(), sample.eventMs(), NodeSampleJson.write(sample)));
    }

    @Override
    public void accept(CoolantSample sample) {
        enqueue(new PendingRecord(Topics.COOLANT_SAMPLES, sample.rack(), sample.eventMs(), CoolantSampleJson.write(sample)));
    }

    private void enqueue(PendingRecord record) {
        offered.incrementAndGet();
        if (buffer.add(record) > 0) {
            long now = System.nanoTime();
            if (now - lastDropWarnNanos > DROPPING_WINDOW.toNanos()) { // once per episode, not per record
                lastDropWarnNanos = now;
                LOG.warn("delivery buffer full ({} bytes): dropping the oldest samples, {} dropped so far", buffer.bytes(),
                        dropped());
            }
        }
    }

    private void sendLoop() {
        while (running || buffer.size() > 0) {
            try {
                DeliveryBuffer.Entry entry = buffer.poll(100);
                if (entry == null) {
                    continue;
                }
                awaitInFlightRoom(entry.sizeBytes());
                if (!send(entry)) {
                    buffer.returnFirst(entry);
                    TimeUnit.MILLISECONDS.sleep(200); // back off: no metadata, the broker is away
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("sender cycle failed: {}", e.toString());
            }
        }
    }

    private boolean send(DeliveryBuffer.Entry entry) {
        syncRetriable = false;
        PendingRecord record = entry.record();
        try {
            producer.send(new ProducerRecord<>(record.topic(), null, record.timestampMs(), record.key(), record.value()),
                    (meta, error) -> onCompletion(entry, error));
        } catch (KafkaException e) {
            releaseInFlight(entry.sizeBytes());
            logUnreachable(e);
            return false;
        } catch (RuntimeException e) { // the producer refused the record itself: retrying cannot help; count it
            onCompletion(entry, e);
            return true;
        }
        return !syncRetriable;
    }

    /**
     * A retriable failure inside {@code send} (no metadata within max.block.ms: the broker is
     * away) completes on the sender thread: the sender puts the record back. One reported later
     * by the producer's I/O thread goes back into the buffer too, in its place by age (dropped
     * there if newer samples were dropped meanwhile). Only non-retriable errors and drops lose a
     * record, and they are counted.
     */
    private void onCompletion(DeliveryBuffer.Entry entry, Exception error) {
        releaseInFlight(entry.sizeBytes());
        if (error == null) {
            acked.incrementAndGet();
        } else if (error instanceof RetriableException) {
            if (Thread.currentThread() == sender) {
                syncRetriable = true;
                logUnreachable(error);
            } else {
                buffer.returnFirst(entry);
            }
        } else if (failed.incrementAndGet() % 1000 == 1) {
            LOG.warn("delivery to {} failed ({} failed so far): {}", entry.record().topic(), failed.get(), error.toString());
        }
    }

    private void logUnreachable(Exception e) {
        if (sendRetries.incrementAndGet() % 100 == 1) {
            LOG.warn("Kafka not reachable, buffering ({} bytes buffered): {}", buffer.bytes(), e.toString());
        }
    }

    private void awaitInFlightRoom(long size) throws InterruptedException {
        synchronized (inFlightLock) {
            while (inFlightBytes > 0 && inFlightBytes + size > inFlightLimitBytes) {
                inFlightLock.wait(100);
            }
            inFlightBytes += size;
        }
    }

    private void releaseInFlight(long size) {
        synchronized (inFlightLock) {
            inFlightBytes -= size;
            inFlightLock.notifyAll();
        }
    }

    /** Samples handed to the publisher. */
    public long offered() {
        return offered.get();
    }

    /** Samples the broker acknowledged. */
    public long acked() {
        return acked.get();
    }

    /** Samples dropped from a full buffer (the oldest go first). */
    public long dropped() {
        return buffer.droppedOldest();
    }

    /**
     * Why delivery is unhealthy, or null when it is not: samples were dropped from the full buffer
     * within the last {@link #DROPPING_WINDOW} (Kafka unreachable for longer than the buffer holds).
     * Healthy again once that long has passed without a drop.
     */
    public String healthProblem() {
        long dropped = dropped();
        if (dropped == 0 || System.nanoTime() - buffer.lastDropNanos() > DROPPING_WINDOW.toNanos()) {
            return null;
        }
        return "Kafka unreachable, dropping samples: the buffer is full (" + dropped + " dropped so far)";
    }

    /** Samples the producer gave up on (non-retriable errors). */
    public long failed() {
        return failed.get();
    }

    /** Samples neither acknowledged, dropped nor failed yet: buffered or in flight. */
    public long pending() {
        return offered() - acked() - dropped() - failed();
    }

    /** Waits up to {@code timeout} until nothing is pending; returns whether that happened. */
    public boolean drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending() > 0 && System.nanoTime() < deadline) {
            producer.flush();
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return pending() == 0;
    }

    @Override
    public void close() {
        try {
            drain(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
        sender.interrupt();
        producer.close(Duration.ofSeconds(10));
        LOG.info("publisher closed: offered={} published={} dropped={} failed={} unsent={}",
                offered(), acked(), dropped(), failed(), pending());
    }
}
