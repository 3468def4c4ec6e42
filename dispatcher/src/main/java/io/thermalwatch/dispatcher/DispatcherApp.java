package io.thermalwatch.dispatcher;

import io.thermalwatch.dispatcher.alertmanager.AlertmanagerClient;
import io.thermalwatch.dispatcher.alertmanager.AlertmanagerPayload;
import io.thermalwatch.dispatcher.delivery.TargetQueue;
import io.thermalwatch.dispatcher.delivery.TargetSender;
import io.thermalwatch.dispatcher.delivery.TargetStats;
import io.thermalwatch.dispatcher.intake.AlertIntake;
import io.thermalwatch.dispatcher.intake.FiringAlerts;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running dispatcher: one intake thread reading the alerts topic, one sender thread per
 * Alertmanager, and the {@code /metrics} endpoint. Used by {@link DispatcherMain}, the demo and
 * the tests: {@link #start()}, then {@link #close()}.
 */
public final class DispatcherApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DispatcherApp.class);

    private final DispatcherConfig config;
    private final FiringAlerts firing = new FiringAlerts();
    private final List<TargetQueue> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final DispatcherMetrics metrics;
    private final AlertIntake intake;
    private final List<TargetSender> senders = new ArrayList<>();
    private volatile Throwable failure;
    private MetricsServer server;

    public DispatcherApp(DispatcherConfig config, Clock clock) {
        this.config = config;
        AlertmanagerPayload payload = new AlertmanagerPayload(config.apiBaseUrl(), config.firingValidity());
        List<TargetStats> stats = new ArrayList<>();
        for (URI url : config.alertmanagers()) {
            TargetQueue queue = new TargetQueue();
            TargetStats s = new TargetStats(url, queue);
            queues.add(queue);
            stats.add(s);
            senders.add(new TargetSender(queue, new AlertmanagerClient(url, config.requestTimeout()), payload, firing,
                    config.resendInterval(), config.maxBackoff(), clock, s));
        }
        this.metrics = new DispatcherMetrics(stats, firing::size);
        this.intake = new AlertIntake(config.consumerProperties(), firing, queues, clock, metrics);
    }

    /** Starts reading and delivering (asynchronously) and the metrics endpoint, if configured. */
    public synchronized void start() {
        if (config.metricsPort() != 0) {
            server = new MetricsServer(config.metricsPort(), metrics::prometheusText, this::problem);
        }
        threads.add(thread("dispatcher-intake", intake));
        for (int i = 0; i < senders.size(); i++) {
            threads.add(thread("dispatcher-am-" + i, senders.get(i)));
        }
        LOG.info("dispatcher started: alerts to {}, resend every {} s, endsAt {} s ahead",
                config.alertmanagers().stream().map(URI::toString).collect(Collectors.joining(", ")),
                config.resendInterval().toSeconds(), config.firingValidity().toSeconds());
    }

    private Thread thread(String name, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure = e;
                LOG.error("{} stopped", name, e);
            }
        }, name);
        t.start();
        return t;
    }

    /** Blocks until the alerts topic was read to its end at start, or fails after {@code timeout}. */
    public void awaitReady(Duration timeout) throws InterruptedException {
        if (!intake.awaitReady(timeout)) {
            throw new IllegalStateException("dispatcher not ready after " + timeout + (failure == null ? "" : ": " + failure));
        }
    }

    /** Null when healthy, else why not (for {@code /health}). */
    public String problem() {
        if (failure != null) {
            return "stopped: " + failure;
        }
        return intake.isReady() ? null : "reading the alerts topic";
    }

    public DispatcherMetrics metrics() {
        return metrics;
    }

    /** The metrics port in use, or 0 when there is none. */
    public int metricsPort() {
        return server == null ? 0 : server.port();
    }

    @Override
    public synchronized void close() {
        long start = System.nanoTime();
        intake.stop();
        queues.forEach(TargetQueue::close);
        for (Thread t : threads) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (server != null) {
            server.close();
        }
        LOG.info("dispatcher closed in {} ms", (System.nanoTime() - start) / 1_000_000);
    }
}
