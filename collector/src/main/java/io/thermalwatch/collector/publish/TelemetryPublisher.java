package io.thermalwatch.collector.publish;

import io.thermalwatch.collector.CollectorConfig.PublisherSettings;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.NodeSampleJson;
import io.thermalwatch.model.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes node samples to {@link Topics#NODE_SAMPLES}, keyed by rack, with the sample's event
 * time as the record timestamp. Tuned for telemetry: idempotent, {@code acks=all}, lz4, lingering
 * batches, and a bounded block so that a broker outage never stalls sampling for long; records the
 * producer cannot take are counted as dropped.
 */
public final class TelemetryPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryPublisher.class);

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public TelemetryPublisher(Producer<String, byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    public static TelemetryPublisher create(String bootstrapServers, PublisherSettings settings, String clientId) {
        return new TelemetryPublisher(
                new KafkaProducer<>(producerProperties(bootstrapServers, settings, clientId),
                        new StringSerializer(), new ByteArraySerializer()),
                Topics.NODE_SAMPLES);
    }

    /** The producer settings, exposed so the README and tests can check them. */
    public static Map<String, Object> producerProperties(String bootstrapServers, PublisherSettings s, String clientId) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, s.lingerMs());
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, s.bufferBytes());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, s.maxBlockMs());
        // Keep retrying through a broker restart for up to 5 minutes before a record fails.
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        return p;
    }

    /** Sends one sample asynchronously; never throws for a broker problem (it counts instead). */
    public void publish(NodeSample sample) {
        byte[] value = NodeSampleJson.write(sample);
        try {
            producer.send(new ProducerRecord<>(topic, null, sample.eventMs(), sample.rack(), value), (meta, error) -> {
                if (error == null) {
                    acked.incrementAndGet();
                } else if (failed.incrementAndGet() % 1000 == 1) {
                    LOG.warn("delivery to {} failed ({} failed so far): {}", topic, failed.get(), error.toString());
                }
            });
            sent.incrementAndGet();
        } catch (KafkaException e) {
            // buffer full or metadata unavailable within max.block.ms: the broker is away
            if (dropped.incrementAndGet() % 1000 == 1) {
                LOG.warn("dropped a sample for {} ({} dropped so far): {}", topic, dropped.get(), e.toString());
            }
        }
    }

    /** Waits until every record sent so far is acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    /** Records handed to the producer. */
    public long sent() {
        return sent.get();
    }

    /** Records the broker acknowledged. */
    public long acked() {
        return acked.get();
    }

    /** Records the producer gave up on after retries. */
    public long failed() {
        return failed.get();
    }

    /** Records the producer could not take (buffer full, or no metadata within max.block.ms). */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(10));
        LOG.info("publisher closed: sent={} acked={} failed={} dropped={}", sent.get(), acked.get(), failed.get(), dropped.get());
    }
}
