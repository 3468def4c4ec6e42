package io.thermalwatch.demo;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.thermalwatch.api.rack.RackStateRepository;
import io.thermalwatch.broker.KafkaBroker;
import io.thermalwatch.collector.CollectorConfig;
import io.thermalwatch.collector.SamplingLoop;
import io.thermalwatch.collector.publish.TelemetryPublisher;
import io.thermalwatch.collector.CollectorMetrics;
import io.thermalwatch.collector.Sources;
import io.thermalwatch.model.EnvSettings;
import io.thermalwatch.streams.TelemetryStreamsApp;
import io.thermalwatch.streams.TelemetryStreamsConfig;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The whole pipeline in one process on this machine: a real Kafka broker (KRaft, child process),
 * the simulated fleet, the streams app and the API. Settings are the apps' own environment
 * variables (README config table); Ctrl-C stops everything in order.
 */
public final class DemoMain {

    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        // the API jar ships the API's own logback.xml; the demo logs warnings only
        System.setProperty("logback.configurationFile", "logback-demo.xml");
        Map<String, String> env = new HashMap<>(System.getenv());
        int apiPort = (int) new EnvSettings(env).integer("THERMALWATCH_API_PORT", 8080, 1, 65_535);
        Clock clock = Clock.systemUTC();

        System.out.println("Thermalwatch demo: starting a local Kafka broker (KRaft)...");
        KafkaBroker broker = KafkaBroker.startEphemeral();
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.putIfAbsent("TW_TOPIC_PARTITIONS", "4");
        env.putIfAbsent("TW_STREAMS_APPLICATION_ID", "thermalwatch-demo");
        if (!env.containsKey("TW_STREAMS_STATE_DIR")) {
            env.put("TW_STREAMS_STATE_DIR", Files.createTempDirectory("thermalwatch-demo-state").toString());
        }
        EnvSettings settings = new EnvSettings(env);

        TelemetryStreamsApp streams = new TelemetryStreamsApp(TelemetryStreamsConfig.fromEnv(settings), clock);
        streams.start();
        streams.awaitRunning(Duration.ofSeconds(90));

        EmbeddedServer api = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "micronaut.server.port", apiPort));
        RackStateRepository racks = api.getApplicationContext().getBean(RackStateRepository.class);

        CollectorConfig collector = CollectorConfig.fromEnv(settings);
        CollectorMetrics metrics = new CollectorMetrics();
        TelemetryPublisher publisher = TelemetryPublisher.create(broker.bootstrapServers(), collector.producer(),
                "thermalwatch-demo").reportTo(metrics);
        SamplingLoop loop = new SamplingLoop(Sources.create(collector, metrics), publisher, clock, collector.interval(), metrics);
        loop.start();

        String base = "http://localhost:" + api.getPort();
        System.out.printf("""

                Thermalwatch demo is running: %d racks, %d GPUs, sampled every %d ms.
                  racks:   curl %s/api/v1/racks
                  a rack:  curl %s/api/v1/racks/%s
                  health:  curl %s/health
                  kafka:   %s (topics thermalwatch.*)
                Rack windows are 10 s; the first ones close about 15 s from now. Ctrl-C stops everything.

                """, collector.fleet().racks(), collector.fleet().gpus(), collector.interval().toMillis(),
                base, base, collector.fleet().rackId(0), base, broker.bootstrapServers());

        ScheduledExecutorService summary = Executors.newSingleThreadScheduledExecutor();
        summary.scheduleAtFixedRate(() -> System.out.println(
                LiveSummary.line(racks.all(), publisher.acked(), publisher.dropped() + publisher.failed())),
                10, 10, TimeUnit.SECONDS);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nstopping: collector, API, streams, broker...");
            summary.shutdownNow();
            loop.close();
            publisher.close();
            api.getApplicationContext().close();
            streams.close();
            broker.close();
            System.out.println("stopped.");
            stopped.countDown();
        }, "demo-shutdown"));
        stopped.await();
    }
}
