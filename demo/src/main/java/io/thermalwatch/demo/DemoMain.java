package io.thermalwatch.demo;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.thermalwatch.api.ApiSettings;
import io.thermalwatch.api.alert.FiringAlertRepository;
import io.thermalwatch.api.rack.RackStateRepository;
import io.thermalwatch.api.security.Role;
import io.thermalwatch.api.security.TokenMinter;
import io.thermalwatch.broker.KafkaBroker;
import io.thermalwatch.collector.CollectorConfig;
import io.thermalwatch.collector.CollectorMetrics;
import io.thermalwatch.collector.SamplingLoop;
import io.thermalwatch.collector.Sources;
import io.thermalwatch.collector.publish.TelemetryPublisher;
import io.thermalwatch.collector.sim.SimulatedInventory;
import io.thermalwatch.model.EnvSettings;
import io.thermalwatch.streams.TelemetryStreamsApp;
import io.thermalwatch.streams.TelemetryStreamsConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The whole pipeline in one process on this machine: a real Kafka broker (KRaft, child process),
 * the simulated fleet, the streams app and the API. Settings are the apps' own environment
 * variables (README config table), all validated before anything starts; Ctrl-C stops everything
 * in order within {@link #STOP_DEADLINE}, even when the broker child died first.
 */
public final class DemoMain {

    /** Longest the demo takes to stop after Ctrl-C / SIGTERM. */
    static final Duration STOP_DEADLINE = Duration.ofSeconds(15);

    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        // the API jar ships the API's own logback.xml; the demo logs warnings only
        System.setProperty("logback.configurationFile", "logback-demo.xml");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putIfAbsent("TW_TOPIC_PARTITIONS", "4");
        env.putIfAbsent("TW_STREAMS_APPLICATION_ID", "thermalwatch-demo");
        Path ownStateDir = null;
        if (!env.containsKey("TW_STREAMS_STATE_DIR")) {
            // each run has a fresh broker, so a fresh state dir; not under the OS temp dir, which the
            // OS may clean under a running app (Kafka Streams warns about it); removed at stop
            Path runs = TelemetryStreamsConfig.DEFAULT_STATE_DIR.resolveSibling("demo");
            Files.createDirectories(runs);
            ownStateDir = Files.createTempDirectory(runs, "run-");
            env.put("TW_STREAMS_STATE_DIR", ownStateDir.toString());
        }
        Path stateToRemove = ownStateDir;
        ApiSettings apiSettings;
        CollectorConfig collector;
        String faults;
        try { // every setting checked before the broker starts
            EnvSettings settings = new EnvSettings(env);
            apiSettings = ApiSettings.fromEnv(settings);
            if (apiSettings.jwtSecret() == null) { // a secret of its own, so the demo can print tokens for it
                apiSettings = apiSettings.withJwtSecret(newJwtSecret());
            }
            collector = CollectorConfig.fromEnv(settings);
            TelemetryStreamsConfig.fromEnv(settings);
            // without TW_SIM_SCENARIO the simulated fleet plays faults whose alerts fire and resolve
            faults = DefaultScenario.applyUnlessSet(env, collector.fleet());
            collector = CollectorConfig.fromEnv(new EnvSettings(env));
        } catch (IllegalArgumentException e) {
            System.err.println("demo: bad setting: " + e.getMessage());
            System.exit(2);
            return;
        }
        Clock clock = Clock.systemUTC();

        // the hook is in place before anything starts: a Ctrl-C at any moment stops what runs, newest first
        OrderedShutdown shutdown = new OrderedShutdown()
                .then("state", Duration.ofSeconds(2), () -> removeTree(stateToRemove));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nstopping: collector, history, delivery, API, streams, broker...");
            List<String> abandoned = shutdown.run(STOP_DEADLINE);
            System.out.println(abandoned.isEmpty() ? "stopped."
                    : "stopped (gave up waiting for: " + String.join(", ", abandoned) + ").");
            stopped.countDown();
        }, "demo-shutdown"));

        System.out.println("Thermalwatch demo: starting a local Kafka broker (KRaft)...");
        KafkaBroker broker = KafkaBroker.startEphemeral();
        shutdown.first("broker", Duration.ofSeconds(5), broker::close);
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());

        TelemetryStreamsApp streams = new TelemetryStreamsApp(TelemetryStreamsConfig.fromEnv(new EnvSettings(env)), clock);
        // an exactly-once close commits its open transaction and leaves the group: seconds on a busy machine
        shutdown.first("streams", Duration.ofSeconds(6), streams::close);
        streams.start();
        streams.awaitRunning(Duration.ofSeconds(90));

        Map<String, Object> apiProperties = new HashMap<>(apiSettings.properties());
        apiProperties.put("kafka.bootstrap.servers", broker.bootstrapServers());
        EmbeddedServer api = ApplicationContext.run(EmbeddedServer.class, apiProperties);
        shutdown.first("api", Duration.ofSeconds(3), () -> api.getApplicationContext().close());
        RackStateRepository racks = api.getApplicationContext().getBean(RackStateRepository.class);
        FiringAlertRepository alerts = api.getApplicationContext().getBean(FiringAlertRepository.class);

        String base = "http://localhost:" + api.getPort();
        DemoDelivery delivery = DemoDelivery.startIfInstalled(broker.bootstrapServers(), URI.create(base), clock);
        if (delivery != null) {
            shutdown.first("delivery", Duration.ofSeconds(3), delivery::close);
        }
        DemoHistory history = DemoHistory.startIfInstalled(new EnvSettings(env), broker.bootstrapServers(), clock);
        if (history != null) {
            shutdown.first("history", Duration.ofSeconds(3), history::close);
        }

        if (collector.sources().contains("simulator")) { // before the first sample: judged from the first window
            InventoryPublisher.publish(broker.bootstrapServers(), SimulatedInventory.of(collector.fleet()));
        }

        CollectorMetrics metrics = new CollectorMetrics();
        TelemetryPublisher publisher = TelemetryPublisher.create(broker.bootstrapServers(), collector.producer(),
                "thermalwatch-demo").reportTo(metrics);
        shutdown.first("publisher", Duration.ofSeconds(2), publisher::close);
        SamplingLoop loop = new SamplingLoop(Sources.create(collector, metrics), publisher, clock, collector.interval(), metrics);
        shutdown.first("collector", Duration.ofSeconds(2), loop::close);
        loop.start();

        TokenMinter minter = new TokenMinter(apiSettings.jwtSecret());
        String analystToken = minter.mint("demo", Role.ANALYST, clock.instant(), Duration.ofHours(12));
        String viewerToken = minter.mint("demo-page", Role.VIEWER, clock.instant(), Duration.ofHours(12));
        System.out.printf("""

                Thermalwatch demo is running: %s, %s, sampled every %d ms.
                  token:   export TW_TOKEN=%s
                           (role analyst, 12 h, signed with a THERMALWATCH_API_JWT_SECRET made for this run)
                  page:    %s/#token=%s
                  racks:   curl %s/api/v1/racks -H "Authorization: Bearer $TW_TOKEN"
                  a rack:  curl %s/api/v1/racks/%s -H "Authorization: Bearer $TW_TOKEN"
                  alerts:  curl %s/api/v1/alerts -H "Authorization: Bearer $TW_TOKEN"
                  live:    curl -N %s/api/v1/live/alerts -H "Authorization: Bearer $TW_TOKEN"
                  health:  curl %s/health
                  kafka:   %s (topics thermalwatch.*)
                  alertmanager: %s
                  influxdb: %s
                  faults:  %s
                Rack windows are 10 s; the first ones close about 15 s from now, then one summary line
                per window. Ctrl-C stops everything.

                """, LiveSummary.count(collector.fleet().racks(), "rack"), LiveSummary.count(collector.fleet().gpus(), "GPU"),
                collector.interval().toMillis(), analystToken, base, viewerToken, base, base, collector.fleet().rackId(0),
                base, base, base, broker.bootstrapServers(),
                delivery == null ? DemoDelivery.skipped() : delivery.alertmanagerUrl() + "/#/alerts (the alerts, delivered by the dispatcher)",
                history == null ? DemoHistory.skipped() : history.example(),
                faults != null ? faults : "TW_SIM_SCENARIO=" + env.get("TW_SIM_SCENARIO"));

        SummaryTicker ticker = new SummaryTicker();
        ScheduledExecutorService summary = Executors.newSingleThreadScheduledExecutor();
        summary.scheduleWithFixedDelay(() -> {
            String line = ticker.poll(racks.all(), alerts.countBySeverity(), publisher.acked(),
                    publisher.dropped() + publisher.failed(), clock.millis());
            if (line != null) {
                System.out.println(line);
            }
        }, 1, 1, TimeUnit.SECONDS);
        shutdown.first("summary", Duration.ofSeconds(1), summary::shutdownNow);

        stopped.await();
    }

    /** 48 random bytes, Base64: what {@code openssl rand -base64 48} gives. */
    static String newJwtSecret() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    static void removeTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            System.err.println("demo: could not remove " + dir + ": " + e.getMessage());
        }
    }
}
