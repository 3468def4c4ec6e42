package io.thermalwatch.demo.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermalwatch.broker.KafkaBroker;
import io.thermalwatch.collector.sim.FaultScenario;
import io.thermalwatch.collector.sim.FleetLayout;
import io.thermalwatch.collector.sim.FleetSimulator;
import io.thermalwatch.model.ThermalAlert;
import io.thermalwatch.model.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.junit.jupiter.api.Test;

/**
 * Issue 7: the streams app killed (SIGKILL, a child JVM running the production main) while a
 * fault's alerts are firing, and restarted on the same state directory while the fleet keeps
 * reporting; then the fault ends. The alerts topic (read_committed) must hold exactly one firing
 * and one resolved record for each of the fault's alerts, in order, with the same start (the
 * restarted app knew they were firing), and no record twice.
 */
class AlertsAcrossRestartIT {

    private static final String APP_ID = "alerts-restart";
    private static final FleetLayout LAYOUT = new FleetLayout("sim", "h1", 2, 8, 18, 4);
    private static final String SCENARIO = "60 pump-failure r01-k01 for=240";
    /** The pump failure's alerts (see SimulatedFaultAlertsIT): critical at once, no severity change. */
    private static final List<String> IDS = List.of("coolant-pump-failed|r01-k01|loop:cdu1",
            "coolant-flow-low|r01-k01|loop:cdu1", "cdu-health|r01-k01|loop:cdu1");
    /** The app is down for seconds of wall time: the deadman would rightly page; it is not under test here. */
    private static final String RULES = """
            rules:
              telemetry-stale:
                warning: 600
                warningClear: 1
                critical: 1200
                criticalClear: 1
            """;

    @Test
    void killedWhileAFaultsAlertsFireAndRestartedTheAppLosesAndDoublesNoAlert() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "alerts-restart-it")).toAbsolutePath();
        Path state = Files.createTempDirectory(work, "state");
        Path rules = FaultPipeline.rulesFile(Files.createTempDirectory(work, "rules"), RULES);
        long now = System.currentTimeMillis();
        long base = now - now % 10_000 - 3_600_000;
        FleetSimulator sim = new FleetSimulator(LAYOUT, FaultPipeline.SEED, FaultScenario.parse(SCENARIO, "scenario"));
        try (KafkaBroker broker = KafkaBroker.startEphemeral(); Admin admin = broker.admin()) {
            String bootstrap = broker.bootstrapServers();
            Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "TW_STREAMS_APPLICATION_ID", APP_ID,
                    "TW_STREAMS_STATE_DIR", state.toString(), "TW_ALERT_RULES_FILE", rules.toString(),
                    "TW_COMMIT_INTERVAL_MS", "1000", // transactions stay open a while: the kill likely aborts one
                    "TW_TOPIC_PARTITIONS", "2");
            Process first = startStreams(env, work.resolve("first.log"));
            Process second = null;
            try {
                await().atMost(Duration.ofSeconds(120)).until(() -> admin.listTopics().names().get().containsAll(Topics.all()));
                FaultPipeline.publishInventory(bootstrap, LAYOUT);
                try (AlertLog log = new AlertLog(bootstrap);
                     PacedFeed feed = new PacedFeed(sim, bootstrap, base, 1_000, 1_800, s -> 30)) {
                    feed.holdAt(150); // mid-fault: the app must not see the fault end before the kill
                    feed.start();
                    await().atMost(Duration.ofSeconds(180)).until(() -> {
                        assertThat(feed.failure()).isNull();
                        return IDS.stream().allMatch(id -> log.any(a -> a.id().equals(id) && a.state().equals(ThermalAlert.FIRING)));
                    });
                    first.destroyForcibly(); // SIGKILL
                    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    // the killed member never left the group; remove it as an operator would
                    admin.removeMembersFromConsumerGroup(APP_ID, new RemoveMembersFromConsumerGroupOptions()).all().get();
                    feed.release(); // the fleet reports on while the app is down; the fault ends at 300 s
                    second = startStreams(env, work.resolve("second.log"));
                    await().atMost(Duration.ofSeconds(180)).until(() -> {
                        assertThat(feed.failure()).isNull();
                        List<AlertLog.Seen> current = log.poll();
                        return IDS.stream().allMatch(id -> FaultPipeline.resolved(current, id));
                    });
                    stop(second); // SIGTERM: the app closes cleanly
                    List<AlertLog.Seen> seen = log.readToEnd();
                    assertThat(feed.sendErrors()).isZero();
                    Map<String, List<ThermalAlert>> byId = FaultPipeline.byId(seen);
                    System.out.printf("alerts across a SIGKILL: %d records fed, %d alert records: %s%n", feed.records(),
                            seen.size(), byId.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().stream()
                                    .map(ThermalAlert::state).toList()).collect(Collectors.joining("; ")));
                    for (String id : IDS) {
                        List<ThermalAlert> records = byId.get(id);
                        assertThat(records).as(id + ": one firing, then one resolved").extracting(ThermalAlert::state)
                                .containsExactly(ThermalAlert.FIRING, ThermalAlert.RESOLVED);
                        assertThat(records.get(1).startsAtMs()).as(id + ": the same alert resolved")
                                .isEqualTo(records.get(0).startsAtMs());
                        assertThat(records.get(1).endsAtMs()).as(id + ": resolved after the fault ended")
                                .isGreaterThanOrEqualTo(feed.eventMs(300));
                    }
                    List<String> keys = seen.stream().map(s -> s.alert().id() + " " + s.alert().state() + " "
                            + s.alert().severity() + " " + s.alert().startsAtMs()).toList();
                    assertThat(keys).as("no alert record twice").doesNotHaveDuplicates();
                }
            } finally {
                first.destroyForcibly();
                if (second != null) {
                    second.destroyForcibly();
                }
            }
        }
    }

    /** The production main in a child JVM with this test's classpath and only {@code env} of TW_ and KAFKA_ settings. */
    private static Process startStreams(Map<String, String> env, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.thermalwatch.streams.StreamsMain"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TW_") || k.startsWith("KAFKA_"));
        pb.environment().putAll(env);
        return pb.start();
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }
}
