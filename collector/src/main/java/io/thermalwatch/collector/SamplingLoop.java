package io.thermalwatch.collector;

import io.thermalwatch.collector.publish.TelemetryPublisher;
import io.thermalwatch.model.NodeSample;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples a {@link NodeSampleSource} every interval and hands the samples to the publisher.
 * A failing cycle is logged, counted and skipped; the loop never dies of one bad read.
 * Ticks are aligned to multiples of the interval on the injected clock, so every node of a fleet
 * shares the same event times.
 */
public final class SamplingLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SamplingLoop.class);

    private final NodeSampleSource source;
    private final TelemetryPublisher publisher;
    private final Clock clock;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong samplesRead = new AtomicLong();
    private final AtomicLong failedTicks = new AtomicLong();

    public SamplingLoop(NodeSampleSource source, TelemetryPublisher publisher, Clock clock, Duration interval) {
        this.source = source;
        this.publisher = publisher;
        this.clock = clock;
        this.interval = interval;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sampling-loop");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts ticking at the next multiple of the interval. */
    public void start() {
        long intervalMs = interval.toMillis();
        long now = clock.millis();
        long firstDelay = intervalMs - (now % intervalMs);
        scheduler.scheduleAtFixedRate(this::tickSafely, firstDelay, intervalMs, TimeUnit.MILLISECONDS);
        LOG.info("sampling every {} ms", intervalMs);
    }

    /** One cycle: read the source at the current (interval-aligned) time and publish. */
    public void tick() {
        long intervalMs = interval.toMillis();
        long eventMs = clock.millis() / intervalMs * intervalMs;
        List<NodeSample> samples = source.sample(eventMs);
        samplesRead.addAndGet(samples.size());
        for (NodeSample sample : samples) {
            publisher.publish(sample);
        }
        ticks.incrementAndGet();
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            long failed = failedTicks.incrementAndGet();
            if (failed == 1 || failed % 100 == 0) {
                LOG.warn("sampling cycle failed ({} failed so far): {}", failed, e.toString(), e);
            }
        }
    }

    public long ticks() {
        return ticks.get();
    }

    public long samplesRead() {
        return samplesRead.get();
    }

    public long failedTicks() {
        return failedTicks.get();
    }

    @Override
    public void close() {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
