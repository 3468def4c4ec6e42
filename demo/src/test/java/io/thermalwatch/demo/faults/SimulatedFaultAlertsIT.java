package io.thermalwatch.demo.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermalwatch.broker.KafkaBroker;
import io.thermalwatch.collector.sim.FaultScenario;
import io.thermalwatch.collector.sim.FleetLayout;
import io.thermalwatch.collector.sim.FleetSimulator;
import io.thermalwatch.model.ThermalAlert;
import io.thermalwatch.streams.TelemetryStreamsApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/**
 * Issue 7: each simulator fault raises exactly its expected alerts within a stated time of the
 * fault and resolves them after it ends, on a real broker with the real streams app. All six faults
 * play at once on six racks of an eight-rack fleet (two stay healthy); alert ids name their rack,
 * so each alert is attributed to its fault. Event time runs up to 30 times faster than the wall
 * clock (4 times around the silence); the app's clock is the simulated one ({@link SimClock}), and a
 * busy machine stalling the app stalls the feed and the clock with it. The deadman
 * ({@code telemetry-stale}) measures silence on arrival at Kafka, which compressed event time
 * cannot speed up, so it does not fire here (the silent node's 40 simulated seconds are ~10 s of
 * arrival): {@code DemoCommandIT} sees it page in real time, {@code AlertEngineTopologyTest} at its
 * edges. Every rule at its shipped defaults.
 * docs/alerts.md has the table.
 */
class SimulatedFaultAlertsIT {

    private static final String APP_ID = "sim-faults";
    /** Each tick: a sample of every node and coolant loop. */
    private static final long RECORDS_PER_TICK = 8 * 18 + 8;
    private static final FleetLayout LAYOUT = new FleetLayout("sim", "h1", 8, 8, 18, 4);
    private static final String SCENARIO = """
            60 pump-failure       r01-k01        for=120
            60 fouled-cold-plate  r01-k02-n05:2  for=180 factor=1.6
            60 leak               r01-k03        for=60
            60 node-silent        r01-k04-n03    for=40
            60 stuck-sensor       r01-k05-n01:0  for=180
            60 over-budget        r01-k06        for=120
            """;
    /**
     * One expected alert: the fault that raises it, when the fault plays (simulated seconds), and
     * the stated bounds: its breach begins within {@code breachWithinS} of the fault's start (it
     * fires after its rule's {@code for}) and it resolves within {@code resolveWithinS} of the
     * fault's end, in event time.
     */
    record Expected(String fault, String id, int fromS, int toS, int breachWithinS, int resolveWithinS) {
    }

    private static final List<Expected> EXPECTED = List.of(
            new Expected("pump-failure", "coolant-pump-failed|r01-k01|loop:cdu1", 60, 180, 1, 32),
            new Expected("pump-failure", "coolant-flow-low|r01-k01|loop:cdu1", 60, 180, 1, 32),
            new Expected("pump-failure", "cdu-health|r01-k01|loop:cdu1", 60, 180, 1, 32),
            new Expected("fouled-cold-plate", "gpu-peer-outlier|r01-k02|r01-k02-n05|2", 60, 240, 20, 50),
            new Expected("leak", "coolant-leak|r01-k03|loop:cdu1", 60, 120, 1, 302),
            new Expected("leak", "cdu-health|r01-k03|loop:cdu1", 60, 120, 1, 32),
            new Expected("node-silent", "rack-coverage-low|r01-k04", 60, 100, 20, 50),
            new Expected("stuck-sensor", "gpu-sensor-stuck|r01-k05|r01-k05-n01|0", 60, 240, 60, 32),
            new Expected("over-budget", "rack-power-budget|r01-k06", 60, 180, 20, 50));

    @Test
    void eachFaultRaisesExactlyItsAlertsAndResolvesThemAfterItEnds() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "sim-faults-it"));
        long now = System.currentTimeMillis();
        long base = now - now % 10_000 - 3_600_000; // window-aligned, an hour ago: event time never passes arrival
        FleetSimulator sim = new FleetSimulator(LAYOUT, FaultPipeline.SEED, FaultScenario.parse(SCENARIO, "scenario"));
        try (KafkaBroker broker = KafkaBroker.startEphemeral()) {
            String bootstrap = broker.bootstrapServers();
            SimClock clock = new SimClock(base);
            TelemetryStreamsApp app = new TelemetryStreamsApp(FaultPipeline.config(bootstrap, APP_ID,
                    Files.createTempDirectory(work.toAbsolutePath(), "state"), null), clock);
            long started = System.nanoTime();
            try {
                app.start(); // creates the topics
                FaultPipeline.publishInventory(bootstrap, LAYOUT);
                app.awaitRunning(Duration.ofSeconds(120));
                try (Admin admin = broker.admin();
                     AlertLog log = new AlertLog(bootstrap);
                     PacedFeed feed = new PacedFeed(sim, bootstrap, base, 1_000, 3_000,
                             s -> s >= 55 && s < 105 ? 4 : 30)) {
                    feed.drive(clock, () -> FaultPipeline.committedInput(admin, APP_ID), 3L * RECORDS_PER_TICK).start();
                    try {
                        await().atMost(Duration.ofSeconds(240)).until(() -> {
                            assertThat(feed.failure()).isNull();
                            List<AlertLog.Seen> current = log.poll();
                            return EXPECTED.stream().allMatch(e -> FaultPipeline.resolved(current, e.id()));
                        });
                    } catch (ConditionTimeoutException e) {
                        report(log.poll(), feed, started);
                        throw e;
                    }
                    app.close(); // before the feed stops: a silent fleet would go stale
                    List<AlertLog.Seen> seen = log.readToEnd();
                    assertThat(feed.sendErrors()).isZero();
                    report(seen, feed, started);
                    check(seen, feed);
                }
            } finally {
                app.close();
            }
        }
    }

    private static void check(List<AlertLog.Seen> seen, PacedFeed feed) {
        Map<String, List<ThermalAlert>> byId = FaultPipeline.byId(seen);
        assertThat(byId.keySet()).as("alert ids raised: exactly the expected ones")
                .containsExactlyInAnyOrderElementsOf(EXPECTED.stream().map(Expected::id).toList());
        for (Expected e : EXPECTED) {
            List<ThermalAlert> records = byId.get(e.id());
            assertThat(records).as(e.id() + ": one firing, then one resolved").extracting(ThermalAlert::state)
                    .containsExactly(ThermalAlert.FIRING, ThermalAlert.RESOLVED);
            ThermalAlert firing = records.get(0);
            ThermalAlert resolved = records.get(1);
            assertThat(resolved.startsAtMs()).isEqualTo(firing.startsAtMs());
            long faultStartMs = feed.eventMs(e.fromS());
            long faultEndMs = feed.eventMs(e.toS());
            assertThat(firing.startsAtMs()).as(e.id() + " breach begins within " + e.breachWithinS() + " s of the fault")
                    .isBetween(faultStartMs, faultStartMs + e.breachWithinS() * 1000L);
            assertThat(resolved.endsAtMs()).as(e.id() + " resolves within " + e.resolveWithinS() + " s of the fault's end")
                    .isBetween(faultEndMs, faultEndMs + e.resolveWithinS() * 1000L);
        }
    }

    private static void report(List<AlertLog.Seen> seen, PacedFeed feed, long startedNs) {
        Map<String, List<ThermalAlert>> byId = FaultPipeline.byId(seen);
        System.out.printf("simulated faults: %d records fed up to %.0f simulated s, %.1f s wall; alerts seen: %d%n",
                feed.records(), feed.simS(), (System.nanoTime() - startedNs) / 1e9, seen.size());
        for (Expected e : EXPECTED) {
            List<ThermalAlert> r = byId.getOrDefault(e.id(), List.of());
            if (r.size() < 2) {
                System.out.printf("  %-18s %-44s records: %s%n", e.fault(), e.id(), r.stream().map(a -> a.state() + " "
                        + a.severity() + " " + a.startsAtMs()).toList());
                continue;
            }
            long start = feed.eventMs(e.fromS());
            long end = feed.eventMs(e.toS());
            System.out.printf("  %-18s %-44s %-8s breach +%5.1f s, resolved +%5.1f s after the end; %s%n", e.fault(),
                    e.id(), r.get(0).severity(), (r.get(0).startsAtMs() - start) / 1000.0, (r.get(1).endsAtMs() - end) / 1000.0,
                    r.stream().map(ThermalAlert::state).toList());
        }
        byId.keySet().stream().filter(id -> EXPECTED.stream().noneMatch(e -> e.id().equals(id)))
                .forEach(id -> System.out.println("  UNEXPECTED " + id + " " + byId.get(id).stream()
                        .map(a -> a.state() + " " + a.severity() + ": " + a.summary()).toList()));
    }
}
