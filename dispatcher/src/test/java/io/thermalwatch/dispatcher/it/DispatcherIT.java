package io.thermalwatch.dispatcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thermalwatch.broker.KafkaBroker;
import io.thermalwatch.dispatcher.Alerts;
import io.thermalwatch.dispatcher.DispatcherApp;
import io.thermalwatch.dispatcher.DispatcherConfig;
import io.thermalwatch.model.ThermalAlert;
import io.thermalwatch.model.Topics;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher against our real Kafka broker and two real Alertmanagers (an HA pair, clustering
 * off) running the shipped example config with its receivers pointed at a webhook in the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DispatcherIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private KafkaBroker broker;
    private WebhookReceiver webhook;
    private AlertmanagerProcess amA;
    private AlertmanagerProcess amB;
    private AlertWriter writer;
    private final List<AutoCloseable> perTest = new ArrayList<>();

    @BeforeAll
    void startServers(@TempDir Path tmp) throws Exception {
        AlertmanagerProcess.requireBinary();
        broker = KafkaBroker.startEphemeral();
        broker.createTopics(List.of(new NewTopic(Topics.ALERTS, 3, (short) 1).configs(Map.of("cleanup.policy", "compact"))));
        webhook = new WebhookReceiver();
        amA = new AlertmanagerProcess(tmp.resolve("am-a"), TestAlertmanagerConfig.forWebhook(webhook, "am-a"));
        amB = new AlertmanagerProcess(tmp.resolve("am-b"), TestAlertmanagerConfig.forWebhook(webhook, "am-b"));
        writer = new AlertWriter(broker.bootstrapServers());
    }

    @AfterEach
    void closePerTest() throws Exception {
        for (int i = perTest.size() - 1; i >= 0; i--) {
            perTest.get(i).close();
        }
        perTest.clear();
    }

    @AfterAll
    void stopServers() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {writer, amA, amB, webhook, broker}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private DispatcherApp dispatcher(String group, Duration resend, String... alertmanagers) throws InterruptedException {
        DispatcherConfig config = new DispatcherConfig(broker.bootstrapServers(), group,
                java.util.Arrays.stream(alertmanagers).map(URI::create).toList(), URI.create("http://api.test:8080"),
                resend, Duration.ofSeconds(2), Duration.ofSeconds(1), AlertmanagerProcess.freePort());
        DispatcherApp app = new DispatcherApp(config, Clock.systemUTC());
        app.start();
        perTest.add(app);
        app.awaitReady(DEADLINE);
        return app;
    }

    private DispatcherApp dispatcher() throws InterruptedException {
        return dispatcher("it-" + UUID.randomUUID(), Duration.ofSeconds(10), amA.url(), amB.url());
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void eachAlertReachesEveryAlertmanagerWithItsLabels() throws Exception {
        dispatcher();
        long now = System.currentTimeMillis();
        ThermalAlert gpu = Alerts.gpu("gpu-slowdown-margin", "critical", unique("lab"), now);
        ThermalAlert loop = Alerts.loop("coolant-flow-low", "warning", unique("lab"), now);
        writer.write(gpu, loop);
        for (String am : List.of("am-a", "am-b")) {
            WebhookReceiver.Received g = awaitOne(am, gpu.rack(), "firing");
            assertThat(g.path()).isEqualTo("/" + am + "/pagerduty-oncall");
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("alertname", "GpuSlowdownMargin");
            labels.put("gpu", "2");
            labels.put("hall", "h1");
            labels.put("node", gpu.rack() + "-n07");
            labels.put("rack", gpu.rack());
            labels.put("row", "r01");
            labels.put("rule", "gpu-slowdown-margin");
            labels.put("severity", "critical");
            labels.put("site", "site1");
            assertThat(g.labels()).isEqualTo(labels);
            assertThat(g.annotations()).containsEntry("summary", gpu.summary()).containsEntry("value", "4.5")
                    .containsEntry("threshold", "8").containsEntry("runbook_url", gpu.runbookUrl())
                    .containsEntry("description", gpu.description());
            assertThat(instant(g.startsAt())).isEqualTo(Instant.ofEpochMilli(now));
            assertThat(g.generatorUrl()).isEqualTo("http://api.test:8080/api/v1/alerts?rack=" + gpu.rack());

            WebhookReceiver.Received l = awaitOne(am, loop.rack(), "firing");
            assertThat(l.path()).isEqualTo("/" + am + "/slack-gpu-thermal");
            assertThat(l.labels()).containsEntry("alertname", "CoolantFlowLow").containsEntry("loop", "loop-a")
                    .containsEntry("severity", "warning").doesNotContainKeys("node", "gpu");
        }
    }

    @Test
    void aResolveReachesEveryAlertmanagerWithItsEndTime() throws Exception {
        dispatcher();
        long now = System.currentTimeMillis() - 10_000; // began 10 s ago: its resolve time lies in the past
        ThermalAlert firing = Alerts.gpu("gpu-hbm-margin", "critical", unique("res"), now);
        writer.write(firing);
        awaitOne("am-a", firing.rack(), "firing");
        awaitOne("am-b", firing.rack(), "firing");
        ThermalAlert resolved = Alerts.resolved(firing, now + 1_234);
        writer.write(resolved);
        for (String am : List.of("am-a", "am-b")) {
            WebhookReceiver.Received r = awaitOne(am, firing.rack(), "resolved");
            assertThat(instant(r.endsAt())).isEqualTo(Instant.ofEpochMilli(now + 1_234));
            assertThat(r.labels()).containsEntry("severity", "critical");
        }
    }

    @Test
    void gpuWarningsAreInhibitedWhileTheirRackHasACriticalCoolantAlert() throws Exception {
        dispatcher();
        long now = System.currentTimeMillis();
        String leaking = unique("inh");
        String dry = unique("inh");
        ThermalAlert leak = Alerts.loop("coolant-leak", "critical", leaking, now);
        writer.write(leak);
        awaitOne("am-a", leaking, "firing");
        awaitOne("am-b", leaking, "firing");
        writer.write(Alerts.gpu("gpu-slowdown-margin", "warning", leaking, now), Alerts.gpu("gpu-slowdown-margin", "warning", dry, now));
        for (AlertmanagerProcess am : List.of(amA, amB)) {
            String name = am == amA ? "am-a" : "am-b";
            awaitOne(name, dry, "firing");
            await("Alertmanager " + name + " marks the GPU warning of " + leaking + " inhibited").atMost(DEADLINE)
                    .until(() -> inhibitedBy(am, leaking, "warning"), ids -> !ids.isEmpty());
            assertThat(webhook.of(name, leaking, "firing")).as("notifications from " + name + " about " + leaking)
                    .extracting(r -> r.labels().get("severity")).containsOnly("critical");
        }
    }

    @Test
    void anAlertmanagerDown30SecondsGetsEverythingOnItsReturnAndHoldsNoOtherBack() throws Exception {
        // resend every 5 min: what reaches a within the deadline after its return came from the retries
        DispatcherApp app = dispatcher("it-" + UUID.randomUUID(), Duration.ofMinutes(5), amA.url(), amB.url());
        amA.kill();
        long downAt = System.nanoTime();
        long now = System.currentTimeMillis();
        ThermalAlert critical = Alerts.gpu("gpu-thermal-slowdown", "critical", unique("down"), now);
        ThermalAlert warning = Alerts.loop("coolant-supply-temp", "warning", unique("down"), now);
        writer.write(critical, warning);
        awaitOne("am-b", critical.rack(), "firing");
        awaitOne("am-b", warning.rack(), "firing");
        String target = "alertmanager=\"" + amA.url() + "\"";
        await("Alertmanager a down 30 s, retried meanwhile").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> System.nanoTime() - downAt >= Duration.ofSeconds(30).toNanos()
                        && metric(app, "tw_dispatcher_posts_failed_total{" + target + "}") >= 5);
        assertThat(metric(app, "tw_dispatcher_pending{" + target + "}")).as("states waiting for a").isGreaterThanOrEqualTo(2);
        assertThat(metric(app, "tw_dispatcher_uncommitted_records")).as("offsets held back for a").isPositive();
        assertThat(webhook.of("am-a", critical.rack(), "firing")).isEmpty();
        amA.start();
        awaitOne("am-a", critical.rack(), "firing");
        awaitOne("am-a", warning.rack(), "firing");
        await("offsets committed once a has everything").atMost(DEADLINE)
                .until(() -> metric(app, "tw_dispatcher_uncommitted_records") == 0);
    }

    @Test
    void aRestartedDispatcherLosesNothing() throws Exception {
        String group = "it-restart-" + UUID.randomUUID();
        // a long resend interval: a firing alert stays valid 4 min, so a resolve seen within the
        // deadline came from the dispatcher, not from Alertmanager timing the alert out
        Duration resend = Duration.ofMinutes(1);
        try (Gate gate = new Gate(amA.url())) {
            DispatcherApp first = dispatcher(group, resend, gate.url(), amB.url());
            long now = System.currentTimeMillis() - 10_000;
            ThermalAlert x = Alerts.gpu("gpu-peer-outlier", "warning", unique("rst"), now);
            writer.write(x);
            awaitOne("am-a", x.rack(), "firing");
            awaitOne("am-b", x.rack(), "firing");
            gate.shut();
            ThermalAlert xResolved = Alerts.resolved(x, now + 2_000);
            writer.write(xResolved);
            awaitOne("am-b", x.rack(), "resolved");
            first.close();
            perTest.remove(first);
            assertThat(webhook.of("am-a", x.rack(), "resolved")).as("a was shut: no resolve yet").isEmpty();
            ThermalAlert y = Alerts.gpu("gpu-slowdown-forecast", "critical", unique("rst"), now);
            writer.write(y); // while no dispatcher runs
            gate.open();
            dispatcher(group, resend, gate.url(), amB.url());
            WebhookReceiver.Received r = awaitOne("am-a", x.rack(), "resolved");
            assertThat(instant(r.endsAt())).isEqualTo(Instant.ofEpochMilli(now + 2_000));
            awaitOne("am-a", y.rack(), "firing");
            awaitOne("am-b", y.rack(), "firing");
        }
    }

    @Test
    void deliveryLatencyFromCommittedRecordToWebhook() throws Exception {
        dispatcher();
        int count = 200;
        String prefix = unique("lat");
        Map<String, Long> committedAt = new java.util.concurrent.ConcurrentHashMap<>();
        var pacer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        var next = new java.util.concurrent.atomic.AtomicInteger();
        try {
            // 20 alerts/s, one transaction each, each on its own rack (its own Alertmanager group)
            pacer.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                if (i < count) {
                    String rack = prefix + "-k" + i;
                    committedAt.put(rack, writer.write(Alerts.gpu("gpu-slowdown-margin", "critical", rack, System.currentTimeMillis())));
                }
            }, 0, 50, java.util.concurrent.TimeUnit.MILLISECONDS);
            await("all " + count + " at both Alertmanagers' webhooks").atMost(Duration.ofSeconds(120))
                    .until(() -> webhook.matching(r -> r.labels().getOrDefault("rack", "").startsWith(prefix + "-")).stream()
                            .map(r -> r.path().substring(0, 5) + r.labels().get("rack")).distinct().count() == 2L * count);
        } finally {
            pacer.shutdownNow();
        }
        for (String am : List.of("am-a", "am-b")) {
            List<Long> latenciesUs = new ArrayList<>();
            for (Map.Entry<String, Long> e : committedAt.entrySet()) {
                long first = webhook.of(am, e.getKey(), "firing").stream().mapToLong(WebhookReceiver.Received::receivedNanos).min()
                        .orElseThrow();
                latenciesUs.add((first - e.getValue()) / 1_000);
            }
            latenciesUs.sort(null);
            System.out.printf("delivery latency (transaction committed -> webhook via %s), %d alerts at 20/s: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    am, count, latenciesUs.get(count / 2) / 1000.0, latenciesUs.get(count * 99 / 100 - 1) / 1000.0,
                    latenciesUs.get(count - 1) / 1000.0);
        }
    }

    private WebhookReceiver.Received awaitOne(String am, String rack, String status) {
        return await(status + " alert for " + rack + " through " + am).atMost(DEADLINE).pollInterval(Duration.ofMillis(20))
                .until(() -> webhook.of(am, rack, status), l -> !l.isEmpty()).get(0);
    }

    private static Instant instant(String rfc3339) {
        return OffsetDateTime.parse(rfc3339).toInstant();
    }

    /** The fingerprints inhibiting {@code rack}'s alert of {@code severity}, per Alertmanager's own API. */
    private static List<String> inhibitedBy(AlertmanagerProcess am, String rack, String severity) throws Exception {
        String filter = URLEncoder.encode("rack=\"" + rack + "\"", StandardCharsets.UTF_8);
        JsonNode alerts = JSON.readTree(am.get("/api/v2/alerts?filter=" + filter).body());
        List<String> out = new ArrayList<>();
        for (JsonNode a : alerts) {
            if (severity.equals(a.path("labels").path("severity").asText()) && "suppressed".equals(a.path("status").path("state").asText())) {
                a.path("status").path("inhibitedBy").forEach(f -> out.add(f.asText()));
            }
        }
        return out;
    }

    /** One sample of the dispatcher's {@code /metrics}, read over HTTP. */
    private static long metric(DispatcherApp app, String series) throws Exception {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.metricsPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\d+)$").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + series + " in /metrics:\n" + text);
        }
        return Long.parseLong(m.group(1));
    }
}
