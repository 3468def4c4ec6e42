package io.thermalwatch.collector;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code CollectorMain --print}: reads the configured sources N times, one interval apart, and
 * prints each sample as a JSON line, without Kafka: an operator's by-hand check of a node, like
 * {@code dcgmi dmon}. A summary goes to stderr so that stdout stays pure JSON lines.
 */
public final class PrintMode {

    private PrintMode() {
    }

    /** @return the process exit code: 0 if every read succeeded, 1 if any source failed */
    public static int run(List<TelemetrySource> sources, Duration interval, int ticks, PrintStream out, PrintStream err)
            throws InterruptedException {
        CollectorMetrics metrics = new CollectorMetrics();
        try (SamplingLoop loop = new SamplingLoop(sources, new JsonLinesPrinter(out), Clock.systemUTC(), interval, metrics)) {
            for (int i = 0; i < ticks; i++) {
                if (i > 0) {
                    TimeUnit.MILLISECONDS.sleep(interval.toMillis());
                }
                loop.tick();
            }
        }
        out.flush();
        err.printf("collector: %d samples in %d ticks, %d source errors%n", metrics.samplesRead(), metrics.ticks(),
                metrics.sourceErrors());
        return metrics.sourceErrors() == 0 ? 0 : 1;
    }
}
