package io.thermalwatch.demo.faults;

import io.thermalwatch.collector.TelemetryBatch;
import io.thermalwatch.collector.sim.FleetSimulator;
import io.thermalwatch.model.CoolantSample;
import io.thermalwatch.model.CoolantSampleJson;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.NodeSampleJson;
import io.thermalwatch.model.Topics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.DoubleUnaryOperator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays a seeded {@link FleetSimulator} into Kafka in compressed time: one tick of every node and
 * coolant loop every {@code tickMs} of event time, event time running {@code speed(simS)} times
 * faster than the wall clock (slower where a wall-clock rule must see a silence), starting at
 * {@code baseMs} (far enough in the past that event time never passes arrival). It notes the wall
 * time at which each tick was sent, can hold at a simulated time, and counts send failures.
 */
final class PacedFeed implements AutoCloseable {

    private final FleetSimulator sim;
    private final long baseMs;
    private final long tickMs;
    private final long endS;
    private final DoubleUnaryOperator speed;
    private final KafkaProducer<String, byte[]> producer;
    private final Map<Long, Long> sentWallMsBySimS = new ConcurrentHashMap<>();
    private final AtomicLong simMs = new AtomicLong();
    private final AtomicLong holdAtS = new AtomicLong(Long.MAX_VALUE);
    private final AtomicInteger sendErrors = new AtomicInteger();
    private final AtomicLong acked = new AtomicLong();
    private volatile boolean held;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean stop;
    private volatile long records;
    private SimClock clock;
    private java.util.concurrent.Callable<Long> committed;
    private long maxAheadRecords;
    private long committedSeen;

    /**
     * @param endS  simulated seconds after which the feed stops by itself
     * @param speed simulated seconds per wall second, as a function of simulated seconds
     */
    PacedFeed(FleetSimulator sim, String bootstrapServers, long baseMs, long tickMs, long endS, DoubleUnaryOperator speed) {
        this.sim = sim;
        this.baseMs = baseMs;
        this.tickMs = tickMs;
        this.endS = endS;
        this.speed = speed;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                // lose nothing on a busy machine: block and retry rather than drop
                ProducerConfig.BUFFER_MEMORY_CONFIG, 64L << 20, ProducerConfig.MAX_BLOCK_MS_CONFIG, 120_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000),
                new StringSerializer(), new ByteArraySerializer());
        this.thread = new Thread(this::run, "paced-feed");
        thread.setDaemon(true);
    }

    /**
     * Sets {@code clock} to each tick's event time as it is sent, and keeps the feed at most
     * {@code maxAheadRecords} ahead of the input the app has committed ({@code committed}): the
     * clock then never runs ahead of the app's processing by more than that.
     */
    PacedFeed drive(SimClock clock, java.util.concurrent.Callable<Long> committed, long maxAheadRecords) {
        this.clock = clock;
        this.committed = committed;
        this.maxAheadRecords = maxAheadRecords;
        return this;
    }

    PacedFeed start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            long wallStartNs = System.nanoTime();
            double dueWallS = 0;
            for (long t = 0; !stop && t <= endS * 1000; t += tickMs) {
                if (t / 1000 >= holdAtS.get() && !stop) {
                    producer.flush();
                    held = true;
                    while (t / 1000 >= holdAtS.get() && !stop) {
                        LockSupport.parkNanos(20_000_000L); // held: the test releases it
                    }
                    held = false;
                    wallStartNs = System.nanoTime() - Math.round(dueWallS * 1e9);
                }
                long aheadNs = wallStartNs + Math.round(dueWallS * 1e9) - System.nanoTime();
                if (aheadNs > 0) {
                    LockSupport.parkNanos(aheadNs); // pacing: the tick is not due yet
                }
                awaitApp();
                if (clock != null) {
                    clock.set(baseMs + t);
                }
                TelemetryBatch batch = sim.read(baseMs + t);
                for (NodeSample s : batch.nodes()) {
                    send(Topics.NODE_SAMPLES, s.rack(), NodeSampleJson.write(s));
                }
                for (CoolantSample s : batch.coolant()) {
                    send(Topics.COOLANT_SAMPLES, s.rack(), CoolantSampleJson.write(s));
                }
                records += batch.nodes().size() + batch.coolant().size();
                if (t % 1000 == 0) {
                    sentWallMsBySimS.put(t / 1000, System.currentTimeMillis());
                }
                simMs.set(t);
                dueWallS += tickMs / 1000.0 / speed.applyAsDouble(t / 1000.0);
            }
            producer.flush();
        } catch (Exception e) {
            failure.set(e);
        }
    }

    /** Backpressure: waits while the app has committed fewer than all but {@code maxAheadRecords} of what was sent. */
    private void awaitApp() throws Exception {
        if (committed == null) {
            return;
        }
        while (!stop && records - committedSeen > maxAheadRecords) {
            producer.flush();
            committedSeen = committed.call();
            if (records - committedSeen > maxAheadRecords) {
                LockSupport.parkNanos(50_000_000L); // the app is behind: let it catch up
            }
        }
    }

    private void send(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value), (meta, error) -> {
            if (error != null) {
                sendErrors.incrementAndGet();
            } else {
                acked.incrementAndGet();
            }
        });
    }

    /** The simulated time of the last tick sent, seconds. */
    double simS() {
        return simMs.get() / 1000.0;
    }

    /** Event time of a simulated second, epoch ms. */
    long eventMs(double simS) {
        return baseMs + Math.round(simS * 1000);
    }

    /** The wall time at which the tick of simulated second {@code simS} was sent, or null before it. */
    Long sentWallMs(long simS) {
        return sentWallMsBySimS.get(simS);
    }

    /** Sends nothing from simulated second {@code simS} on until {@link #release}. */
    void holdAt(long simS) {
        holdAtS.set(simS);
    }

    /** Whether the feed is holding, everything before the hold acknowledged. */
    boolean held() {
        return held;
    }

    void release() {
        holdAtS.set(Long.MAX_VALUE);
    }

    /** Whether the feed has sent its last tick and flushed (or failed). */
    boolean finished() {
        return !thread.isAlive();
    }

    long records() {
        return records;
    }

    /** Records the broker acknowledged. */
    long acked() {
        return acked.get();
    }

    int sendErrors() {
        return sendErrors.get();
    }

    /** What stopped the feed thread, or null. */
    Throwable failure() {
        return failure.get();
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.interrupt(); // a park or a blocking flush ends at once
        thread.join(10_000);
        producer.close(java.time.Duration.ofSeconds(5)); // bounded: a test ends in seconds, not in Kafka's timeouts
    }
}
