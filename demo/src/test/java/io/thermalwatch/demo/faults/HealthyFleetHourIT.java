package io.thermalwatch.demo.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermalwatch.broker.KafkaBroker;
import io.thermalwatch.collector.sim.FleetLayout;
import io.thermalwatch.collector.sim.FleetSimulator;
import io.thermalwatch.model.Topics;
import io.thermalwatch.streams.TelemetryStreamsApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/**
 * Issue 7: a normal simulated hour of 16 NVL72 racks (1152 GPUs, no faults) raises no alert at
 * all, every rule but the deadman at its shipped default (see {@link #RULES}), on a real broker. The hour is played as fast as the
 * pipeline takes it (the app's clock is the simulated one, {@link SimClock}), a tick every 5 s of event time (a collector's 1 Hz would be 1.1 M records
 * here; the rules judge durations in event time, and the forecast and stuck-sensor rules were
 * also checked at 1 Hz and 10 Hz on the real H100 trace, in the streams module).
 */
class HealthyFleetHourIT {

    private static final FleetLayout LAYOUT = new FleetLayout("sim", "h1", 16, 8, 18, 4);
    private static final long TICK_MS = 5_000;
    private static final long HOUR_S = 3_600;
    /**
     * The deadman is off here, every other rule at its default: it judges the silence between a
     * node's samples on the app's clock, and a fleet played compressed, a tick every 5 s, with the
     * feed up to four ticks ahead of the app, shows silences of 15-35 simulated seconds that no real
     * fleet has. SimulatedFaultAlertsIT holds it to firing on exactly the silent node (1 s ticks).
     */
    private static final String RULES = """
            rules:
              telemetry-stale:
                enabled: false
            """;

    @Test
    void aNormalSimulatedHourOfSixteenRacksRaisesNoAlert() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "healthy-hour-it"));
        long now = System.currentTimeMillis();
        long base = now - now % 10_000 - (HOUR_S + 600) * 1000; // the hour ends ten minutes ago
        long started = System.nanoTime();
        try (KafkaBroker broker = KafkaBroker.startEphemeral(); Admin admin = broker.admin()) {
            String bootstrap = broker.bootstrapServers();
            SimClock clock = new SimClock(base);
            Path rules = FaultPipeline.rulesFile(Files.createTempDirectory(work.toAbsolutePath(), "rules"), RULES);
            TelemetryStreamsApp app = new TelemetryStreamsApp(FaultPipeline.config(bootstrap, "healthy-hour",
                    Files.createTempDirectory(work.toAbsolutePath(), "state"), rules), clock);
            try {
                app.start();
                FaultPipeline.publishInventory(bootstrap, LAYOUT);
                app.awaitRunning(Duration.ofSeconds(120));
                try (AlertLog log = new AlertLog(bootstrap);
                     PacedFeed feed = new PacedFeed(new FleetSimulator(LAYOUT, FaultPipeline.SEED), bootstrap, base, TICK_MS,
                             HOUR_S, s -> 10_000)) {
                    // the app's clock is the fleet's (see SimClock): the feed stays within four ticks of the app
                    feed.drive(clock, () -> FaultPipeline.committedInput(admin, "healthy-hour"), 4L * (16 * 18 + 16)).start();
                    await().atMost(Duration.ofSeconds(240)).until(() -> {
                        assertThat(feed.failure()).isNull();
                        log.poll();
                        return feed.finished();
                    });
                    assertThat(feed.sendErrors()).isZero();
                    assertThat(feed.simS()).isEqualTo((double) HOUR_S);
                    long fed = feed.acked();
                    assertThat(fed).isEqualTo(feed.records());
                    await().atMost(Duration.ofSeconds(240)).until(() -> {
                        log.poll();
                        return FaultPipeline.committedInput(admin, "healthy-hour") == fed;
                    });
                    app.close(); // at once: a fleet that stopped reporting would (rightly) go stale
                    List<AlertLog.Seen> alerts = log.readToEnd();
                    long aggregates = RecordCount.committed(bootstrap, Topics.RACK_AGGREGATES);
                    System.out.printf("healthy hour: %d racks, %d records (%d s of event time, a tick every %d s) "
                                    + "in %.1f s wall; %d rack windows; %d alerts%n", LAYOUT.racks(), fed, HOUR_S,
                            TICK_MS / 1000, (System.nanoTime() - started) / 1e9, aggregates, alerts.size());
                    alerts.forEach(a -> System.out.println("  " + a.alert().id() + " " + a.alert().state() + ": "
                            + a.alert().summary()));
                    assertThat(aggregates).as("rack windows closed: the rules ran").isGreaterThanOrEqualTo(
                            LAYOUT.racks() * (HOUR_S / FaultPipeline.WINDOW.toSeconds() - 5)); // the last few stay open
                    assertThat(alerts).as("alerts on a healthy fleet").isEmpty();
                }
            } finally {
                app.close();
            }
        }
    }
}
