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

    /** Every source opened and every read succeeded. */
    public static final int EXIT_OK = 0;
    /** A source could not be opened (e.g. no NVIDIA driver on this host) or a read failed. */
    public static final int EXIT_READ_FAILED = 1;
    /** Bad arguments or settings: nothing was read. */
    public static final int EXIT_USAGE = 2;

    private PrintMode() {
    }

    /** @return the process exit code: {@link #EXIT_OK} if every read succeeded, else {@link #EXIT_READ_FAILED} */
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
        return metrics.sourceErrors() == 0 ? EXIT_OK : EXIT_READ_FAILED;
    }
}
