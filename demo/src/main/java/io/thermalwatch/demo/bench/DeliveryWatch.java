package io.thermalwatch.demo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.thermalwatch.dispatcher.DispatcherApp;
import io.thermalwatch.dispatcher.DispatcherConfig;
import io.thermalwatch.dispatcher.alertmanager.LocalAlertmanager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * On-call delivery in the benchmark, as deployed: the dispatcher ({@link DispatcherApp}, read_committed
 * on the alerts topic, here in the benchmark's JVM) posting to a real Alertmanager (Debian's
 * {@code prometheus-alertmanager}, clustering off), which notifies a webhook served here. Alertmanager
 * routes every alert as its own group ({@code group_by: ['...']}) with {@code group_wait: 0s}: the
 * figure is the pipeline's delivery, not a grouping policy's wait (with the example config's
 * per-rack groups, a second alert of a rack notified in the last minute waits for its group's
 * {@code group_interval}, by design). The dispatcher resends every alert still firing when it starts
 * (Alertmanager keeps alerts in memory only): tens of thousands after the ladder, whose racks went
 * stale. The watch waits until that backlog is acknowledged before the measured run, as a
 * dispatcher that has been running has.
 */
final class DeliveryWatch implements AutoCloseable {

    /**
     * Every alert its own group, notified at once; only the rules the benchmark's faults raise go to
     * the webhook (the staleness alerts of the ladder's racks, resent when the dispatcher starts, go
     * to a receiver that notifies nobody).
     */
    static final String ALERTMANAGER_CONFIG = """
            route:
              receiver: nobody
              group_by: ['...']
              group_wait: 0s
              group_interval: 1m
              repeat_interval: 4h
              routes:
                - matchers: ['rule=~"%s|%s"']
                  receiver: bench
            receivers:
              - name: nobody
              - name: bench
                webhook_configs:
                  - url: '%s'
                    send_resolved: false
            """;
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String GROUP_ID = "thermalwatch-bench-dispatcher";

    private final HttpServer webhook;
    private final LocalAlertmanager alertmanager;
    private final DispatcherApp dispatcher;
    private final Map<String, Long> firstFiringMs = new ConcurrentHashMap<>();
    private final AtomicLong notifications = new AtomicLong();

    private DeliveryWatch(HttpServer webhook, LocalAlertmanager alertmanager, DispatcherApp dispatcher) {
        this.webhook = webhook;
        this.alertmanager = alertmanager;
        this.dispatcher = dispatcher;
    }

    /** Starts the webhook, Alertmanager (files in {@code dir}) and the dispatcher; null when Alertmanager is not installed. */
    static DeliveryWatch startIfInstalled(String bootstrapServers, Path dir, Clock clock)
            throws IOException, InterruptedException {
        if (!LocalAlertmanager.installed()) {
            return null;
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        LocalAlertmanager am = null;
        DispatcherApp dispatcher = null;
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/webhook";
            am = LocalAlertmanager.start(dir, freePort(), Duration.ofSeconds(60), ALERTMANAGER_CONFIG.formatted(FaultPlan.GPU_RULE, FaultPlan.LEAK_RULE, url));
            dispatcher = new DispatcherApp(new DispatcherConfig(bootstrapServers, GROUP_ID,
                    List.of(am.url()), URI.create("http://localhost:8080"), Duration.ofMinutes(1), Duration.ofSeconds(10),
                    Duration.ofSeconds(5), 0), clock);
            DeliveryWatch watch = new DeliveryWatch(server, am, dispatcher);
            server.createContext("/webhook", exchange -> {
                long now = clock.millis();
                try (InputStream in = exchange.getRequestBody()) {
                    watch.received(JSON.readTree(in), now);
                } finally {
                    exchange.sendResponseHeaders(200, -1);
                    exchange.close();
                }
            });
            server.start();
            dispatcher.start();
            dispatcher.awaitReady(Duration.ofMinutes(3));
            awaitNothingPending(dispatcher, Duration.ofMinutes(3));
            return watch;
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (dispatcher != null) {
                dispatcher.close();
            }
            server.stop(0);
            if (am != null) {
                am.close();
            }
            throw e;
        }
    }

    /** Notes the first firing notification of each alert of a webhook body, by {@link AlertWatch#key}. */
    void received(JsonNode body, long nowMs) {
        notifications.incrementAndGet();
        for (JsonNode a : body.path("alerts")) {
            if (!"firing".equals(a.path("status").asText())) {
                continue;
            }
            JsonNode labels = a.path("labels");
            String node = text(labels, "node");
            String gpu = text(labels, "gpu");
            String key = AlertWatch.key(text(labels, "rule"), text(labels, "rack"), node,
                    gpu == null ? null : Integer.valueOf(gpu), text(labels, "loop"));
            firstFiringMs.putIfAbsent(key, nowMs);
        }
    }

    private static String text(JsonNode labels, String name) {
        JsonNode v = labels.get(name);
        return v == null ? null : v.asText();
    }

    /** When the alert {@code key} first reached the webhook as firing, epoch ms, or null. */
    Long firstFiringMs(String key) {
        return firstFiringMs.get(key);
    }

    /** Webhook notifications received so far. */
    long notifications() {
        return notifications.get();
    }

    /** Until every alert state the dispatcher holds has been accepted by Alertmanager, at most {@code timeout}. */
    private static void awaitNothingPending(DispatcherApp dispatcher, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        java.util.regex.Pattern pending = java.util.regex.Pattern.compile("(?m)^tw_dispatcher_pending\\{[^}]*} (\\d+)$");
        while (System.nanoTime() < deadline) {
            java.util.regex.Matcher m = pending.matcher(dispatcher.metrics().prometheusText());
            if (m.find() && Long.parseLong(m.group(1)) == 0) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new IllegalStateException("the dispatcher still had alert states pending after " + timeout);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        try {
            dispatcher.close();
        } finally {
            try {
                alertmanager.close();
            } finally {
                webhook.stop(0);
            }
        }
    }
}
