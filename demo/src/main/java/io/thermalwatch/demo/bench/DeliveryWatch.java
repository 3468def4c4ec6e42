package io.thermalwatch.demo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.thermalwatch.dispatcher.DispatcherApp;
import io.thermalwatch.dispatcher.DispatcherConfig;
import io.thermalwatch.dispatcher.alertmanager.LocalAlertmanager;
import io.thermalwatch.model.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * On-call delivery in the benchmark, as deployed: the dispatcher ({@link DispatcherApp}, read_committed
 * on the alerts topic, here in the benchmark's JVM) posting to a real Alertmanager (Debian's
 * {@code prometheus-alertmanager}, clustering off), which notifies a webhook served here. Alertmanager
 * routes every alert as its own group ({@code group_by: ['...']}) with {@code group_wait: 0s}: the
 * figure is the pipeline's delivery, not a grouping policy's wait (with the example config's
 * per-rack groups, a second alert of a rack notified in the last minute waits for its group's
 * {@code group_interval}, by design). The dispatcher starts caught up: its group's offsets are set
 * to the end of the alerts topic first, as a dispatcher that has been running is, so the ladder's
 * tens of thousands of staleness alerts are not replayed into the measured run (a dispatcher
 * started on a backlog delivers it all, by design, but that is not the latency of a live alert).
 */
final class DeliveryWatch implements AutoCloseable {

    static final String ALERTMANAGER_CONFIG = """
            route:
              receiver: bench
              group_by: ['...']
              group_wait: 0s
              group_interval: 1m
              repeat_interval: 4h
            receivers:
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
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/webhook";
            am = LocalAlertmanager.start(dir, freePort(), Duration.ofSeconds(60), ALERTMANAGER_CONFIG.formatted(url));
            skipToEnd(bootstrapServers, GROUP_ID);
            DispatcherApp dispatcher = new DispatcherApp(new DispatcherConfig(bootstrapServers, GROUP_ID,
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
            return watch;
        } catch (IOException | InterruptedException | RuntimeException e) {
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

    /** Commits, for {@code groupId}, the end (read_committed) of every partition of the alerts topic. */
    static void skipToEnd(String bootstrapServers, String groupId) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicPartitionInfo p : admin.describeTopics(List.of(Topics.ALERTS)).allTopicNames().get()
                    .get(Topics.ALERTS).partitions()) {
                latest.put(new TopicPartition(Topics.ALERTS, p.partition()), OffsetSpec.latest());
            }
            Map<TopicPartition, OffsetAndMetadata> end = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                    .forEach((tp, info) -> end.put(tp, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(groupId, end).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not move the dispatcher's offsets to the end: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
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
