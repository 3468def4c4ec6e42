package io.thermalwatch.sink;

import static io.thermalwatch.sink.it.SinkFixture.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermalwatch.broker.KafkaBroker;
import io.thermalwatch.model.CoolantSampleJson;
import io.thermalwatch.model.FleetRollup;
import io.thermalwatch.model.FleetRollupJson;
import io.thermalwatch.model.NodeSampleJson;
import io.thermalwatch.model.RackAggregateJson;
import io.thermalwatch.model.ThermalAlert;
import io.thermalwatch.model.ThermalAlertJson;
import io.thermalwatch.model.Topics;
import io.thermalwatch.sink.bench.InfluxdServer;
import io.thermalwatch.sink.influx.InfluxSchema;
import io.thermalwatch.sink.it.Influx;
import io.thermalwatch.sink.it.Records;
import io.thermalwatch.sink.it.SinkFixture;
import io.thermalwatch.model.TagValues;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sink against a real Kafka broker and a real influxd (both started here): one fixed data set
 * (samples, coolant, every aggregate field, alert changes, hostile ids, unreadable records) is
 * written once, then read back with InfluxQL, exactly.
 */
class InfluxSinkIT {

    private static final String DB = "sink_it";
    private static final int TICKS = 30;
    private static final int GPUS = 4;
    private static final List<String> RACKS = List.of("r01-k01", "r01-k02");
    private static final List<String> NODES = List.of("n01", "n02");
    /** Ids that pass validation (not blank, ≤ 256 characters) and that line protocol must not choke on. */
    static final List<String> HOSTILE = List.of("a b", "a,b", "a=b", "q\"uo'te", "line\nfeed", "emoji 😀🔥", "back\\slash",
            "trailing\\", "\\", ",", "=", " lead and trail ", "x' OR 1=1; DROP DATABASE sink_it; --", "\"; DROP MEASUREMENT gpu",
            "tab\there", "cr\rhere", "a\\,b", "a\\ b", "~tw:looks-encoded", "/regex.*/");

    private static KafkaBroker broker;
    private static InfluxdServer influxd;
    private static InfluxSink sink;
    private static Influx influx;
    private static long t0;
    private static int produced;
    private static int metricsPort;

    @BeforeAll
    static void writeTheDataSetOnce() throws Exception {
        broker = KafkaBroker.startEphemeral();
        influxd = InfluxdServer.start(Files.createTempDirectory("influxd-it"));
        SinkFixture.createTopics(broker, 3);
        t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS).toEpochMilli();
        try (KafkaProducer<String, byte[]> p = SinkFixture.producer(broker)) {
            for (int tick = 0; tick < TICKS; tick++) {
                for (String rack : RACKS) {
                    for (String node : NODES) {
                        send(p, Topics.NODE_SAMPLES, rack, t0, NodeSampleJson.write(Records.node("ams1", rack, node, t0 + tick * 1000L, GPUS, tick)));
                        produced++;
                    }
                }
            }
            for (int i = 0; i < HOSTILE.size(); i++) {
                send(p, Topics.NODE_SAMPLES, "hostile", t0, NodeSampleJson.write(Records.node(HOSTILE.get(i), "hostile-rack",
                        HOSTILE.get(i), t0 + i, 1, 0)));
                produced++;
            }
            send(p, Topics.NODE_SAMPLES, "r01-k01", t0, "{oops".getBytes(StandardCharsets.UTF_8));
            send(p, Topics.NODE_SAMPLES, "r01-k01", t0, "{\"schemaVersion\":9}".getBytes(StandardCharsets.UTF_8));
            produced += 2;
            for (int i = 0; i < 10; i++) {
                send(p, Topics.COOLANT_SAMPLES, "r01-k01", t0, CoolantSampleJson.write(Records.coolant("r01-k01", "loop-a", t0 + i * 5000L, 180.0 + i)));
                send(p, Topics.COOLANT_SAMPLES, "r01-k01", t0, CoolantSampleJson.write(Records.coolant("r01-k01", "loop-b", t0 + i * 5000L, 100.0)));
                produced += 2;
            }
            for (int w = 0; w < 3; w++) {
                send(p, Topics.RACK_AGGREGATES, "r01-k01", t0, RackAggregateJson.write(Records.fullAggregate("r01-k01", t0 + w * 10_000L)));
                produced++;
            }
            send(p, Topics.RACK_AGGREGATES, "r01-k02", t0, RackAggregateJson.write(Records.firstSchemaAggregate("r01-k02", t0)));
            produced++;
            send(p, Topics.ROLLUPS, "ams1/h1/r01", t0, FleetRollupJson.write(rollup("row", "r01")));
            send(p, Topics.ROLLUPS, "ams1/h1", t0, FleetRollupJson.write(rollup("hall", null)));
            produced += 2;
            ThermalAlert warn = Records.firing("gpu-temp", "warning", "n01", 2, t0 + 1000);
            ThermalAlert crit = Records.firing("gpu-temp", "critical", "n01", 2, t0 + 1000);
            ThermalAlert other = Records.firing("gpu-slowdown-margin", "warning", "n01", 2, t0 + 1000);
            send(p, Topics.ALERTS, warn.id(), t0 + 5000, ThermalAlertJson.write(warn));
            send(p, Topics.ALERTS, other.id(), t0 + 5000, ThermalAlertJson.write(other));
            send(p, Topics.ALERTS, crit.id(), t0 + 9000, ThermalAlertJson.write(crit));
            send(p, Topics.ALERTS, crit.id(), t0 + 20_000, ThermalAlertJson.write(Records.resolved(crit, t0 + 19_500)));
            send(p, Topics.ALERTS, "loop", t0 + 7000, ThermalAlertJson.write(Records.loopAlert("loop-b", t0 + 6000)));
            send(p, Topics.ALERTS, "tombstone", t0 + 30_000, null);
            produced += 6;
        }
        metricsPort = SinkFixture.freePort();
        sink = new InfluxSink(SinkFixture.config(broker, influxd.url(), "sink-it", DB, 100, metricsPort), Clock.systemUTC());
        sink.start();
        awaitAllCommitted(sink);
        influx = new Influx(influxd.url(), DB);
    }

    static void awaitAllCommitted(InfluxSink s) {
        await().atMost(Duration.ofSeconds(120)).until(() -> totalRecords(s) == produced
                && s.metrics().prometheusText().contains("thermalwatch_sink_uncommitted_records 0\n")
                && s.metrics().lag() == 0);
    }

    private static long totalRecords(InfluxSink s) {
        return s.metrics().prometheusText().lines().filter(l -> l.startsWith("thermalwatch_sink_records_total{"))
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @AfterAll
    static void stop() {
        if (sink != null) {
            sink.close();
        }
        if (influx != null) {
            influx.close();
        }
        if (influxd != null) {
            influxd.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void everyGpuOfEveryNodeSampleIsOnePointWithItsValues() {
        String where = " WHERE site = 'ams1'";
        assertThat(influx.number("SELECT count(powerW) FROM raw.gpu" + where, "count"))
                .isEqualTo(TICKS * RACKS.size() * NODES.size() * GPUS);
        // sum over ticks and GPUs of 100 + 10·i + tick, per node
        double perNode = TICKS * (GPUS * 100 + 10 * (0 + 1 + 2 + 3)) + GPUS * (TICKS * (TICKS - 1) / 2.0);
        assertThat(influx.number("SELECT sum(powerW) FROM raw.gpu" + where, "sum")).isEqualTo(perNode * RACKS.size() * NODES.size());
        Map<String, Object> one = influx.rows("SELECT * FROM raw.gpu WHERE rack = 'r01-k02' AND node = 'n02' AND gpu = '3' AND time = "
                + (t0 + 10_000) + "ms").get(0);
        assertThat(one).containsEntry("powerW", 140.0).containsEntry("gpuTempC", 44.0).containsEntry("hbmTempC", 53.0)
                .containsEntry("smClockMhz", 1980.0).containsEntry("clockEventReasons", 0.0).containsEntry("energyMj", 1_000_010.0)
                .containsEntry("uuid", "GPU-3").containsEntry("model", "NVIDIA H100 80GB HBM3").containsEntry("site", "ams1")
                .containsEntry("hall", "h1").containsEntry("row", "r01").containsEntry("powerLimitW", 700.0)
                .containsEntry("slowdownTempC", 87.0).containsEntry("shutdownTempC", 92.0).containsEntry("gpuMaxTempC", 85.0)
                .containsEntry("hbmMaxTempC", 95.0).containsEntry("utilizationPct", 90.0).containsEntry("time", (double) (t0 + 10_000));
        assertThat(one.get("modulePowerW")).isNull();
        assertThat(influx.number("SELECT count(energyMj) FROM raw.gpu" + where, "count")).as("absent readings stay absent")
                .isEqualTo(3 * RACKS.size() * NODES.size() * GPUS);
    }

    @Test
    void coolantLoopsAreSeparateSeriesWithEveryReading() {
        assertThat(influx.number("SELECT count(flowLpm) FROM raw.coolant", "count")).isEqualTo(20);
        assertThat(influx.number("SELECT sum(flowLpm) FROM raw.coolant WHERE loop = 'loop-a'", "sum")).isEqualTo(1800 + 45);
        Map<String, Object> r = influx.rows("SELECT * FROM raw.coolant WHERE loop = 'loop-b' AND time = " + t0 + "ms").get(0);
        assertThat(r).containsEntry("supplyTempC", 30.0).containsEntry("returnTempC", 38.5).containsEntry("deltaTempC", 8.5)
                .containsEntry("flowLpm", 100.0).containsEntry("supplyPressureKpa", 250.0).containsEntry("returnPressureKpa", 150.0)
                .containsEntry("diffPressureKpa", 100.0).containsEntry("heatRemovedKw", 90.0).containsEntry("rackPowerKw", 95.0)
                .containsEntry("coolantLevelPct", 80.0).containsEntry("pumps", 2.0).containsEntry("minPumpSpeedPct", 55.0)
                .containsEntry("leakDetectors", 2.0).containsEntry("leakingDetectors", 1.0).containsEntry("health", "OK")
                .containsEntry("source", "simulator").containsEntry("rack", "r01-k01");
    }

    @Test
    void rackAggregatesCarryEveryFieldAtTheirWindowStart() {
        List<Map<String, Object>> full = influx.rows("SELECT * FROM raw.rack WHERE rack = 'r01-k01'");
        assertThat(full).hasSize(3);
        assertThat(full.get(1)).containsEntry("time", (double) (t0 + 10_000)).containsEntry("windowMs", 10_000.0)
                .containsEntry("nodesReporting", 18.0).containsEntry("gpusReporting", 72.0).containsEntry("samples", 180.0)
                .containsEntry("totalPowerW", 98_000.0).containsEntry("meanGpuTempC", 61.5).containsEntry("maxGpuTempC", 78.25)
                .containsEntry("maxHbmTempC", 80.0).containsEntry("thermalThrottledGpus", 2.0).containsEntry("expectedNodes", 18.0)
                .containsEntry("expectedGpus", 72.0).containsEntry("powerCappedGpus", 1.0).containsEntry("powerBrakedGpus", 0.0)
                .containsEntry("minSlowdownMarginC", 6.5).containsEntry("minSlowdownMarginNode", "n07")
                .containsEntry("minSlowdownMarginGpu", 3.0).containsEntry("powerBudgetKw", 120.0)
                .containsEntry("powerBudgetPct", 81.6667).containsEntry("supplyTempC", 30.0).containsEntry("returnTempC", 38.5)
                .containsEntry("deltaTempC", 8.5).containsEntry("flowLpm", 180.0).containsEntry("heatRemovedKw", 95.5)
                .containsEntry("captureRatio", 0.9745);
        Map<String, Object> first = influx.rows("SELECT * FROM raw.rack WHERE rack = 'r01-k02'").get(0);
        assertThat(first).containsEntry("totalPowerW", 2000.0).containsEntry("maxHbmTempC", null)
                .containsEntry("powerBudgetKw", null).containsEntry("minSlowdownMarginC", null);
    }

    /** A rollup of one minute from t0 (t0 is a whole hour). */
    private static FleetRollup rollup(String level, String row) {
        return new FleetRollup(1, level, "ams1", "h1", row, t0, t0 + 60_000, 2, 12, 1, 36, 144, 18, 72, 100.0,
                190_000.0, 180.5, 0.95, 120.0, 79.2, 78.25, 80.0, 6.5, "r01-k01", "n07", 3, 2, 1, 0, 29.8, 41.0);
    }

    @Test
    void rowAndHallRollupsAreKeptInTheLongPolicyWithEveryFigure() {
        List<Map<String, Object>> rows = influx.rows("SELECT * FROM one_minute.rollup GROUP BY *");
        assertThat(rows).hasSize(2);
        Map<String, Object> row = influx.rows("SELECT * FROM one_minute.rollup WHERE level = 'row'").get(0);
        assertThat(row).containsEntry("time", (double) t0).containsEntry("row", "r01").containsEntry("site", "ams1")
                .containsEntry("windowMs", 60_000.0).containsEntry("racksReporting", 2.0).containsEntry("rackWindows", 12.0)
                .containsEntry("totalPowerW", 190_000.0).containsEntry("heatRemovedKw", 180.5)
                .containsEntry("captureRatio", 0.95).containsEntry("coveragePct", 100.0)
                .containsEntry("minSlowdownMarginC", 6.5).containsEntry("minSlowdownMarginRack", "r01-k01")
                .containsEntry("minSlowdownMarginGpu", 3.0).containsEntry("maxReturnTempC", 41.0);
        assertThat(influx.rows("SELECT * FROM one_minute.rollup WHERE level = 'hall'").get(0)).containsEntry("row", null);
    }

    @Test
    void alertChangesAreGrafanaAnnotationsInTheLongPolicy() {
        List<Map<String, Object>> rows = influx.rows("SELECT title, text, tags, state, severity, rule, gpu, node, loop, endsAtMs"
                + " FROM one_minute.alert ORDER BY time");
        assertThat(rows).extracting(r -> r.get("time")).containsExactly((double) (t0 + 5000), (double) (t0 + 5000),
                (double) (t0 + 7000), (double) (t0 + 9000), (double) (t0 + 19_500));
        assertThat(rows).extracting(r -> r.get("title")).containsExactlyInAnyOrder(
                "FIRING warning: gpu-temp on n01 GPU 2", "FIRING warning: gpu-slowdown-margin on n01 GPU 2",
                "FIRING critical: coolant-flow on r01-k01 loop loop-b", "FIRING critical: gpu-temp on n01 GPU 2",
                "RESOLVED critical: gpu-temp on n01 GPU 2");
        Map<String, Object> resolved = rows.get(4);
        assertThat(resolved).containsEntry("tags", "thermalwatch,resolved,critical,gpu-temp,r01-k01")
                .containsEntry("text", "GPU 2 of n01 is hot\nwhat to check\nhttps://runbooks.example/thermalwatch#gpu-temp")
                .containsEntry("endsAtMs", (double) (t0 + 19_500)).containsEntry("gpu", "2").containsEntry("node", "n01");
        assertThat(rows.get(2)).containsEntry("loop", "loop-b").containsEntry("node", null);
        assertThat(influx.rows("SELECT count(title) FROM raw.alert")).as("not in the raw policy").isEmpty();
    }

    @Test
    void hostileIdsRoundTripAsTagValuesAndBreakNoBatch() {
        List<Map<String, Object>> rows = influx.rows("SELECT powerW FROM raw.gpu WHERE rack = 'hostile-rack' GROUP BY *");
        assertThat(rows).hasSize(HOSTILE.size());
        Set<String> nodes = rows.stream().map(r -> TagValues.decode((String) r.get("tag:node"))).collect(Collectors.toSet());
        Set<String> sites = rows.stream().map(r -> TagValues.decode((String) r.get("tag:site"))).collect(Collectors.toSet());
        assertThat(nodes).containsExactlyInAnyOrderElementsOf(HOSTILE);
        assertThat(sites).containsExactlyInAnyOrderElementsOf(HOSTILE);
        Set<String> storedAsIs = new HashSet<>();
        rows.forEach(r -> storedAsIs.add((String) r.get("tag:node")));
        assertThat(storedAsIs).as("stored verbatim wherever line protocol can carry the value")
                .containsAll(HOSTILE.stream().filter(TagValues::verbatim).toList());
    }

    @Test
    void unreadableRecordsAndTombstonesAreCountedAndSkipped() {
        String metrics = sink.metrics().prometheusText();
        assertThat(metrics).contains("thermalwatch_sink_records_skipped_total{topic=\"" + Topics.NODE_SAMPLES + "\"} 2")
                .contains("thermalwatch_sink_records_skipped_total{topic=\"" + Topics.ALERTS + "\"} 0");
    }

    @Test
    void metricsEndpointServesLagAndPointsWritten() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> m = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        int gpuPoints = TICKS * RACKS.size() * NODES.size() * GPUS + HOSTILE.size();
        assertThat(m.body()).contains("thermalwatch_sink_consumer_lag_records{topic=\"" + Topics.NODE_SAMPLES + "\"} 0")
                .contains("thermalwatch_sink_points_written_total{topic=\"" + Topics.NODE_SAMPLES + "\"} " + gpuPoints)
                .contains("thermalwatch_sink_points_written_total{topic=\"" + Topics.ALERTS + "\"} 5");
        HttpResponse<String> h = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(h.statusCode()).isEqualTo(200);
        assertThat(h.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void retentionPoliciesAndDownsamplingQueriesExist() {
        Map<String, Object> raw = influx.rows("SHOW RETENTION POLICIES ON " + DB).stream().filter(r -> "raw".equals(r.get("name")))
                .findFirst().orElseThrow();
        Map<String, Object> ds = influx.rows("SHOW RETENTION POLICIES ON " + DB).stream()
                .filter(r -> "one_minute".equals(r.get("name"))).findFirst().orElseThrow();
        assertThat(raw).containsEntry("duration", "168h0m0s").containsEntry("default", true);
        assertThat(ds).containsEntry("duration", "9600h0m0s").containsEntry("default", false);
        assertThat(influx.rows("SHOW CONTINUOUS QUERIES").stream().map(r -> (String) r.get("name")).toList())
                .contains("cq_gpu_1m", "cq_coolant_1m", "cq_rack_1m");
    }

    @Test
    void theDownsampleQueryFoldsRawPointsIntoOneMinuteMeanMinMax() {
        influx.rows(InfluxSchema.backfill(DB, "gpu", t0, t0 + 60_000));
        Map<String, Object> m = influx.rows("SELECT mean_powerW, min_powerW, max_powerW FROM one_minute.gpu"
                + " WHERE rack = 'r01-k01' AND node = 'n01' AND gpu = '1'").get(0);
        assertThat(m).containsEntry("time", (double) t0).containsEntry("min_powerW", 110.0)
                .containsEntry("max_powerW", 110.0 + TICKS - 1).containsEntry("mean_powerW", 110.0 + (TICKS - 1) / 2.0);
    }

    @Test
    void aSecondSinkStartReplayingEverythingWritesTheSamePointsAgainNotMore() {
        double before = influx.number("SELECT count(powerW) FROM raw.gpu", "count");
        try (InfluxSink replay = new InfluxSink(SinkFixture.config(broker, influxd.url(), "sink-it-replay", DB, 1000, 0),
                Clock.systemUTC())) {
            replay.start();
            awaitAllCommitted(replay);
        }
        assertThat(influx.number("SELECT count(powerW) FROM raw.gpu", "count")).isEqualTo(before);
        assertThat(influx.rows("SELECT count(title) FROM one_minute.alert").get(0)).containsEntry("count", 5.0);
    }
}
