package io.thermalwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.thermalwatch.api.rack.RackView;
import io.thermalwatch.api.security.Role;
import io.thermalwatch.api.security.TokenMinter;
import io.thermalwatch.broker.KafkaBroker;
import io.thermalwatch.collector.CollectorConfig.PublisherSettings;
import io.thermalwatch.collector.publish.TelemetryPublisher;
import io.thermalwatch.collector.sim.FleetLayout;
import io.thermalwatch.collector.sim.FleetSimulator;
import io.thermalwatch.model.GpuReading;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.streams.TelemetryStreamsApp;
import io.thermalwatch.streams.alert.RuleBook;
import io.thermalwatch.streams.TelemetryStreamsConfig;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline on a real broker: the seeded simulator publishes a known set of samples, the
 * streams app aggregates them under exactly-once, and the API serves over HTTP exactly what was
 * sent for each rack's closed window.
 */
class PipelineEndToEndIT {

    /** The API's token secret in this test (at least 32 bytes). */
    private static final String JWT_SECRET = "pipeline-end-to-end-it-secret-0123456789abcdef";

    private static final FleetLayout LAYOUT = new FleetLayout("e2e", "h1", 3, 2, 18, 4);
    private static final long GRACE_MS = 2_000;

    @Test
    void apiServesExactlyTheAggregateOfWhatTheSimulatorSent() throws Exception {
        long now = System.currentTimeMillis();
        long t0 = now - now % 10_000 - 30_000; // a closed-in-the-past, window-aligned start
        FleetSimulator sim = new FleetSimulator(LAYOUT, 20261127L);
        List<NodeSample> firstWindow = new ArrayList<>();

        try (KafkaBroker broker = KafkaBroker.startEphemeral()) {
            TelemetryStreamsConfig streamsConfig = new TelemetryStreamsConfig(broker.bootstrapServers(), "e2e",
                    Files.createTempDirectory("e2e-state"), 1, Duration.ofMillis(100), Duration.ofSeconds(10),
                    Duration.ofMillis(GRACE_MS), Duration.ofMinutes(1), null, RuleBook.defaults(), true, 4, (short) 1);
            try (TelemetryStreamsApp streams = new TelemetryStreamsApp(streamsConfig, Clock.systemUTC());
                 TelemetryPublisher publisher = TelemetryPublisher.create(broker.bootstrapServers(),
                         new PublisherSettings(5, 5_000, 16L << 20, 1L << 20), "e2e")) {
                streams.start();
                streams.awaitRunning(Duration.ofSeconds(60));
                // the API's "now": 59 s after the window ends, just inside the 60 s stale bound,
                // whatever the wall clock says by the time the window arrives
                Clock apiClock = Clock.fixed(Instant.ofEpochMilli(t0 + 10_000 + 59_000), ZoneOffset.UTC);
                EmbeddedServer api = ApplicationContext.builder().singletons(apiClock).properties(Map.of(
                        "kafka.bootstrap.servers", broker.bootstrapServers(), "micronaut.server.port", -1,
                        "thermalwatch.api.stale-after", "60s", "thermalwatch.api.jwt-secret", JWT_SECRET))
                        .run(EmbeddedServer.class);
                try (HttpClient http = api.getApplicationContext().createBean(HttpClient.class, api.getURL())) {
                    // ten 1 Hz ticks fill [t0, t0+10s); the tick at t0+12s moves stream time past end + grace
                    for (long t = t0; t <= t0 + 12_000; t += 1_000) {
                        List<NodeSample> tick = sim.read(t).nodes();
                        if (t < t0 + 10_000) {
                            firstWindow.addAll(tick);
                        }
                        tick.forEach(publisher::accept);
                    }
                    long[] keepAlive = {t0 + 12_100};
                    for (int rack = 0; rack < LAYOUT.racks(); rack++) {
                        String rackId = LAYOUT.rackId(rack);
                        RackView served = await().atMost(Duration.ofSeconds(60)).until(() -> {
                            // a live fleet keeps sending; Kafka Streams looks for closed windows on arrival
                            if (keepAlive[0] < t0 + 20_000) {
                                sim.read(keepAlive[0]).nodes().forEach(publisher::accept);
                                keepAlive[0] += 100;
                            }
                            return get(http, rackId);
                        }, Optional::isPresent).orElseThrow();
                        assertMatchesWhatWasSent(served, rackId, t0, firstWindow);
                    }
                } finally {
                    api.getApplicationContext().close(); // before the broker goes
                }
            }
        }
    }

    private static Optional<RackView> get(HttpClient http, String rack) {
        try {
            return Optional.of(http.toBlocking().retrieve(HttpRequest.GET("/api/v1/racks/" + rack)
                    .bearerAuth(new TokenMinter(JWT_SECRET).mint("e2e", Role.VIEWER, Instant.now(), Duration.ofHours(1))),
                    RackView.class));
        } catch (HttpClientResponseException e) {
            if (e.getStatus().getCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Recomputes the window's figures from the published samples, independently of the streams code. */
    private static void assertMatchesWhatWasSent(RackView served, String rack, long t0, List<NodeSample> sent) {
        List<NodeSample> mine = sent.stream().filter(s -> s.rack().equals(rack)).toList();
        Map<String, List<NodeSample>> byNode = mine.stream().collect(Collectors.groupingBy(NodeSample::node));
        double expectedPowerW = byNode.values().stream()
                .mapToDouble(samples -> samples.stream() // module power where reported (the simulated GB300 does)
                        .mapToDouble(n -> n.gpus().stream().mapToDouble(GpuReading::budgetPowerW).sum()).average().orElseThrow())
                .sum();
        List<GpuReading> readings = mine.stream().flatMap(s -> s.gpus().stream()).toList();

        assertThat(served.windowStartMs()).isEqualTo(t0);
        assertThat(served.windowEndMs()).isEqualTo(t0 + 10_000);
        assertThat(served.samples()).isEqualTo(18 * 10);
        assertThat(served.nodesReporting()).isEqualTo(18);
        assertThat(served.gpusReporting()).isEqualTo(72);
        assertThat(served.totalPowerW()).isCloseTo(expectedPowerW, within(1e-6));
        assertThat(served.meanGpuTempC()).isCloseTo(
                readings.stream().mapToDouble(GpuReading::gpuTempC).average().orElseThrow(), within(1e-9));
        assertThat(served.maxGpuTempC()).isEqualTo(readings.stream().mapToDouble(GpuReading::gpuTempC).max().orElseThrow());
        assertThat(served.maxHbmTempC()).isEqualTo(readings.stream().mapToDouble(GpuReading::hbmTempC).max().orElseThrow());
        assertThat(served.thermalThrottledGpus()).isEqualTo((int) readings.stream()
                .filter(GpuReading::thermallyThrottled).map(GpuReading::uuid).distinct().count());
        assertThat(served.site()).isEqualTo("e2e");
        assertThat(served.stale()).isFalse();
    }
}
