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
 * logged, counted and skipped for that cycle; the loop and the other sources go on. Ticks are
 * aligned to multiples of the interval on the injected clock, so every node of a fleet shares the
 * same event times.
 */
public final class SamplingLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SamplingLoop.class);

    private final List<TelemetrySource> sources;
    private final SampleSink sink;
    private final Clock clock;
    private final Duration interval;
    private final CollectorMetrics metrics;
    private final ScheduledExecutorService scheduler;

    public SamplingLoop(List<TelemetrySource> sources, SampleSink sink, Clock clock, Duration interval,
                        CollectorMetrics metrics) {
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

    /** Starts ticking at the next multiple of the interval. */
    public void start() {
        long intervalMs = interval.toMillis();
        long firstDelay = intervalMs - (clock.millis() % intervalMs);
        scheduler.scheduleAtFixedRate(this::tick, firstDelay, intervalMs, TimeUnit.MILLISECONDS);
        LOG.info("sampling {} every {} ms", sources.stream().map(TelemetrySource::name).toList(), intervalMs);
    }

    /** One cycle: reads each source at the current (interval-aligned) time and passes the samples on. */
    public void tick() {
        long intervalMs = interval.toMillis();
        long eventMs = clock.millis() / intervalMs * intervalMs;
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
