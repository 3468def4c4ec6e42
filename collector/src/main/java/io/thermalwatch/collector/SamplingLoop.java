package io.thermalwatch.collector;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every source once per interval and hands the samples to the sink. A failing source is
 * logged, counted and skipped for that cycle; the loop and the other sources go on. Ticks fall on
 * multiples of the interval plus a fixed phase on the injected clock ({@link SamplePhase}: spread
 * over the interval, a fleet's collectors send an even stream rather than one burst a tick), and
 * every sample of a tick is stamped with that tick's time.
 */
public final class SamplingLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SamplingLoop.class);

    private final List<TelemetrySource> sources;
    private final SampleSink sink;
    private final Clock clock;
    private final Duration interval;
    private final long phaseMs;
    private final CollectorMetrics metrics;
    private final ScheduledExecutorService scheduler;

    /** A loop ticking on multiples of the interval (phase 0). */
    public SamplingLoop(List<TelemetrySource> sources, SampleSink sink, Clock clock, Duration interval,
                        CollectorMetrics metrics) {
        this(sources, sink, clock, interval, Duration.ZERO, metrics);
    }

    /** A loop ticking at {@code phase} past each multiple of the interval, {@code 0 <= phase < interval}. */
    public SamplingLoop(List<TelemetrySource> sources, SampleSink sink, Clock clock, Duration interval,
                        Duration phase, CollectorMetrics metrics) {
        if (phase.isNegative() || phase.compareTo(interval) >= 0) {
            throw new IllegalArgumentException("phase must be in [0, interval): " + phase + " of " + interval);
        }
        this.phaseMs = phase.toMillis();
        this.sources = List.copyOf(sources);
        this.sink = sink;
        this.clock = clock;
        this.interval = interval;
        this.metrics = metrics;
        this.sources.forEach(s -> metrics.registerSource(s.name()));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sampling-loop");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts ticking at the next multiple of the interval plus the phase. */
    public void start() {
        long intervalMs = interval.toMillis();
        long firstDelay = intervalMs - Math.floorMod(clock.millis() - phaseMs, intervalMs);
        scheduler.scheduleAtFixedRate(this::tick, firstDelay, intervalMs, TimeUnit.MILLISECONDS);
        LOG.info("sampling {} every {} ms at +{} ms", sources.stream().map(TelemetrySource::name).toList(), intervalMs,
                phaseMs);
    }

    /** One cycle: reads each source at the current tick's time (a multiple of the interval plus the phase) and passes the samples on. */
    public void tick() {
        long eventMs = tickTime(clock.millis());
        for (TelemetrySource source : sources) {
            TelemetryBatch batch;
            try {
                batch = source.read(eventMs);
            } catch (RuntimeException e) {
                long failed = metrics.sourceError(source.name());
                if (failed == 1 || failed % 100 == 0) {
                    LOG.warn("source {} failed ({} failures so far): {}", source.name(), failed, e.toString());
                }
                continue;
            }
            metrics.samplesRead(source.name(), batch.size());
            batch.nodes().forEach(sink::accept);
            batch.coolant().forEach(sink::accept);
        }
        metrics.tick();
    }

    /** The latest tick time at or before {@code nowMs}: a multiple of the interval plus the phase. */
    long tickTime(long nowMs) {
        long intervalMs = interval.toMillis();
        return nowMs - Math.floorMod(nowMs - phaseMs, intervalMs);
    }

    @Override
    public void close() {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sources.forEach(TelemetrySource::close);
    }
}
