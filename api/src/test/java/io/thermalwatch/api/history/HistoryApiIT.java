package io.thermalwatch.api.history;

import static io.thermalwatch.api.history.HistoryData.HOSTILE_NODE;
import static io.thermalwatch.api.history.HistoryData.HOSTILE_RACK;
import static io.thermalwatch.api.history.HistoryData.NOW;
import static io.thermalwatch.api.history.HistoryData.PREFIXED_RACK;
import static io.thermalwatch.api.history.HistoryData.RACK;
import static io.thermalwatch.api.history.HistoryData.VERBATIM_RACK;
import static io.thermalwatch.api.history.HistoryFixture.enc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rack and GPU history over HTTP, read from a real influxd that the sink's own code filled. */
class HistoryApiIT {

    private static HistoryFixture f;

    @BeforeAll
    static void start() {
        f = new HistoryFixture();
        HistoryData.fill(f);
    }

    @AfterAll
    static void stop() {
        if (f != null) {
            f.close();
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> series(Map<String, Object> body) {
        return (List<Map<String, Object>>) body.get("series");
    }

    @SuppressWarnings("unchecked")
    static List<double[]> points(Map<String, Object> series) {
        return ((List<List<Number>>) series.get("points")).stream()
                .map(p -> new double[] {p.get(0).doubleValue(), p.get(1).doubleValue()}).toList();
    }

    private Map<String, Object> ok(String uri) {
        HistoryFixture.Answer a = f.get(uri, null);
        assertThat(a.status()).as(a.toString()).isEqualTo(200);
        assertThat(a.contentType()).startsWith("application/json");
        return f.json(a.body());
    }

    @Test
    void rackHistoryFromRawPointsHasTheExactMeansMaximaAndMinima() {
        long from = NOW - 600_000;
        Map<String, Object> body = ok("/api/v1/history/racks/" + RACK + "?from=" + from + "&to=" + NOW
                + "&step=60s&fields=totalPowerW,maxGpuTempC,minSlowdownMarginC");
        assertThat(body).containsEntry("rack", RACK).containsEntry("retentionPolicy", "raw").containsEntry("stepMs", 60_000)
                .containsEntry("fromMs", from).containsEntry("to", Instant.ofEpochMilli(NOW).toString());
        List<Map<String, Object>> series = series(body);
        assertThat(series).extracting(s -> s.get("field")).containsExactly("totalPowerW", "maxGpuTempC", "minSlowdownMarginC");
        assertThat(series).extracting(s -> s.get("unit")).containsExactly("W", "°C", "°C");
        assertThat(series).extracting(s -> s.get("aggregate")).containsExactly("mean", "max", "min");
        assertSeries(series.get(0), HistoryData.expected(HistoryData::power, "mean", from, NOW, 60_000, false), 0);
        assertSeries(series.get(1), HistoryData.expected(HistoryData::maxTemp, "max", from, NOW, 60_000, false), 0);
        assertSeries(series.get(2), HistoryData.expected(HistoryData::margin, "min", from, NOW, 60_000, false), 0);
        assertThat(points(series.get(0))).hasSize(10);
    }

    @Test
    void aLongRangeWithWholeMinuteStepsReadsTheOneMinuteDownsamples() {
        long from = NOW - 25 * 3_600_000L;
        Map<String, Object> body = ok("/api/v1/history/racks/" + RACK + "?from=" + Instant.ofEpochMilli(from) + "&to="
                + Instant.ofEpochMilli(NOW) + "&step=1h&fields=totalPowerW,maxGpuTempC,minSlowdownMarginC");
        assertThat(body).containsEntry("retentionPolicy", "one_minute").containsEntry("stepMs", 3_600_000);
        List<Map<String, Object>> series = series(body);
        assertSeries(series.get(0), HistoryData.expected(HistoryData::power, "mean", from, NOW, 3_600_000, true), 1e-9);
        assertSeries(series.get(1), HistoryData.expected(HistoryData::maxTemp, "max", from, NOW, 3_600_000, true), 0);
        assertSeries(series.get(2), HistoryData.expected(HistoryData::margin, "min", from, NOW, 3_600_000, true), 0);
        assertThat(points(series.get(0))).hasSizeBetween(25, 26);
    }

    @Test
    void gpuHistoryHasTheExactMeansOfOneGpu() {
        Map<String, Object> body = ok("/api/v1/history/gpus/" + RACK + "/" + RACK + "-n01/2?from=" + (NOW - 300_000) + "&to=" + NOW
                + "&step=1m");
        assertThat(body).containsEntry("node", RACK + "-n01").containsEntry("gpu", 2);
        List<Map<String, Object>> series = series(body);
        assertThat(series).extracting(s -> s.get("field")).containsExactly("powerW", "gpuTempC", "hbmTempC");
        for (int i = 0; i < 3; i++) {
            double expected = new double[] {521, 52.5, 62}[i];
            assertThat(points(series.get(i))).hasSize(5).allSatisfy(p -> assertThat(p[1]).isEqualTo(expected));
        }
        assertThat(points(series.get(0))).extracting(p -> (long) p[0])
                .containsExactly(NOW - 300_000, NOW - 240_000, NOW - 180_000, NOW - 120_000, NOW - 60_000);
    }

    @Test
    void hostileIdsRoundTripAsTheSinkStoredThem() {
        List<String> racks = List.of(HOSTILE_RACK, VERBATIM_RACK, PREFIXED_RACK);
        for (int r = 0; r < racks.size(); r++) {
            Map<String, Object> body = ok("/api/v1/history/racks/" + enc(racks.get(r)) + "?from=" + (NOW - 600_000) + "&to=" + NOW
                    + "&fields=totalPowerW");
            assertThat(body).containsEntry("rack", racks.get(r));
            double expected = 2000 + 1000 * r;
            assertThat(points(series(body).get(0))).as(racks.get(r)).hasSize(10)
                    .allSatisfy(p -> assertThat(p[1]).isEqualTo(expected));
        }
        Map<String, Object> gpu = ok("/api/v1/history/gpus/" + enc(HOSTILE_RACK) + "/" + enc(HOSTILE_NODE) + "/1?from="
                + (NOW - 120_000) + "&to=" + NOW + "&fields=powerW");
        assertThat(points(series(gpu).get(0))).hasSize(2).allSatisfy(p -> assertThat(p[1]).isEqualTo(511.0));
    }

    @Test
    void csvHasAHeaderRowAndQuotesPerRfc4180() {
        HistoryFixture.Answer a = f.get("/api/v1/history/racks/" + enc(HOSTILE_RACK) + "?from=" + (NOW - 120_000) + "&to=" + NOW
                + "&step=1m&fields=totalPowerW,maxGpuTempC", "text/csv");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.contentType()).startsWith("text/csv");
        String quoted = "\"r01 k\"\"01,=\n🙂\"";
        assertThat(a.body()).isEqualTo("rack,time,timeMs,totalPowerW,maxGpuTempC\r\n"
                + quoted + "," + Instant.ofEpochMilli(NOW - 120_000) + "," + (NOW - 120_000) + ",2000.0,70.0\r\n"
                + quoted + "," + Instant.ofEpochMilli(NOW - 60_000) + "," + (NOW - 60_000) + ",2000.0,70.0\r\n");
        HistoryFixture.Answer gpu = f.get("/api/v1/history/gpus/" + RACK + "/" + RACK + "-n02/0?from=" + (NOW - 60_000) + "&to=" + NOW
                + "&fields=gpuTempC", "text/csv, application/json;q=0.5");
        assertThat(gpu.body()).isEqualTo("rack,node,gpu,time,timeMs,gpuTempC\r\n" + RACK + "," + RACK + "-n02,0,"
                + Instant.ofEpochMilli(NOW - 60_000) + "," + (NOW - 60_000) + ",50.5\r\n");
    }

    @Test
    void anIdWithNoPointsGivesEmptySeries() {
        Map<String, Object> body = ok("/api/v1/history/racks/r99-k99?from=" + (NOW - 600_000) + "&to=" + NOW);
        assertThat(series(body)).hasSize(3).allSatisfy(s -> assertThat(points(s)).isEmpty());
    }

    @Test
    void badRangesStepsAndFieldsAre400ProblemsNamingTheParameter() {
        String base = "/api/v1/history/racks/" + RACK;
        Map<String, String> cases = Map.ofEntries(
                Map.entry("?from=" + NOW + "&to=" + (NOW - 1), "from"),
                Map.entry("?from=" + (NOW - 401 * 86_400_000L) + "&to=" + NOW + "&step=1d", "from"),
                Map.entry("?from=" + (NOW - 86_400_000L) + "&to=" + NOW + "&step=1s", "step"),
                Map.entry("?step=500ms", "step"),
                Map.entry("?step=0s", "step"),
                Map.entry("?step=-PT1M", "step"),
                Map.entry("?step=1w", "step"),
                Map.entry("?from=" + (NOW - 10 * 86_400_000L) + "&to=" + (NOW - 9 * 86_400_000L) + "&step=30s", "step"),
                Map.entry("?from=yesterday", "from"),
                Map.entry("?to=2026-13-01T00:00:00Z", "to"),
                Map.entry("?fields=*", "fields"),
                Map.entry("?fields=powerW", "fields"),
                Map.entry("?fields=totalPowerW,totalPowerW", "fields"),
                Map.entry("?fields=", "fields"));
        cases.forEach((query, parameter) -> {
            Map<String, Object> p = f.assertProblem(f.get(base + query, null), 400, "urn:thermalwatch:problem:invalid-" + parameter);
            assertThat((String) p.get("title")).as(query).contains("'" + parameter + "'");
        });
        f.assertProblem(f.get("/api/v1/history/gpus/" + RACK + "/n/64", null), 400, "urn:thermalwatch:problem:invalid-gpu");
        f.assertProblem(f.get("/api/v1/history/gpus/" + RACK + "/n/1x", null), 400, "urn:thermalwatch:problem:invalid-gpu");
        f.assertProblem(f.get("/api/v1/history/racks/%20", null), 400, "urn:thermalwatch:problem:invalid-rack");
        f.assertProblem(f.get("/api/v1/history/racks/" + "r".repeat(257), null), 400, "urn:thermalwatch:problem:invalid-rack");
    }

    @Test
    void theRacksGpusAreTheLatestPointOfEachGpu() {
        Map<String, Object> body = ok("/api/v1/racks/" + RACK + "/gpus");
        assertThat(body).containsEntry("rack", RACK).containsEntry("count", 8);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> gpus = (List<Map<String, Object>>) body.get("gpus");
        Map<String, Object> g3 = gpus.get(3);
        long last = NOW - 1000;
        assertThat(g3).containsEntry("node", RACK + "-n01").containsEntry("index", 3).containsEntry("uuid", "GPU-" + RACK + "-n01-3")
                .containsEntry("model", "NVIDIA GB200").containsEntry("powerW", HistoryData.gpuPower(3, last))
                .containsEntry("gpuTempC", HistoryData.gpuTemp(3, last)).containsEntry("hbmTempC", 63.0)
                .containsEntry("slowdownTempC", 87.0).containsEntry("hbmMaxTempC", 95.0)
                .containsEntry("slowdownMarginC", 87.0 - HistoryData.gpuTemp(3, last)).containsEntry("smClockMhz", 1980)
                .containsEntry("clockEventReasons", 0x24).containsEntry("clockEvents", List.of("sw_power_cap", "sw_thermal_slowdown"))
                .containsEntry("eventMs", last).containsEntry("stale", false);
        assertThat(gpus).extracting(g -> g.get("node") + "/" + g.get("index")).containsExactly(RACK + "-n01/0", RACK + "-n01/1",
                RACK + "-n01/2", RACK + "-n01/3", RACK + "-n02/0", RACK + "-n02/1", RACK + "-n02/2", RACK + "-n02/3");
        Map<String, Object> hostile = ok("/api/v1/racks/" + enc(HOSTILE_RACK) + "/gpus");
        assertThat(hostile).containsEntry("rack", HOSTILE_RACK).containsEntry("count", 4);
        assertThat((List<?>) hostile.get("gpus")).allSatisfy(g -> assertThat(((Map<?, ?>) g).get("node")).isEqualTo(HOSTILE_NODE));
        f.assertProblem(f.get("/api/v1/racks/r99-k99/gpus", null), 404, "urn:thermalwatch:problem:unknown-rack");
    }

    @Test
    void aDatabaseTheSinkHasNotCreatedIsA503Problem() {
        try (io.micronaut.runtime.server.EmbeddedServer other = io.micronaut.context.ApplicationContext.run(
                io.micronaut.runtime.server.EmbeddedServer.class, Map.of("kafka.bootstrap.servers", "127.0.0.1:" + HistoryFixture.closedPort(),
                        "micronaut.server.port", -1, "thermalwatch.api.influx.url", f.influxd.url(),
                        "thermalwatch.api.influx.database", "not_created",
                        io.thermalwatch.api.security.TestTokens.PROPERTY, io.thermalwatch.api.security.TestTokens.SECRET));
             io.micronaut.http.client.HttpClient client = other.getApplicationContext()
                     .createBean(io.micronaut.http.client.HttpClient.class, other.getURL())) {
            Map<String, Object> p = HistoryFixture.assertProblem(HistoryFixture.get(client.toBlocking(),
                    "/api/v1/history/racks/" + RACK, null), 503, "urn:thermalwatch:problem:history-unavailable");
            assertThat((String) p.get("detail")).contains("'not_created' does not exist yet");
        }
    }

    private static void assertSeries(Map<String, Object> series, List<double[]> expected, double tolerance) {
        List<double[]> actual = points(series);
        assertThat(actual).as(series.get("field").toString()).hasSameSizeAs(expected).isNotEmpty();
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)[0]).as(series.get("field") + " time " + i).isEqualTo(expected.get(i)[0]);
            assertThat(actual.get(i)[1]).as(series.get("field") + " value " + i).isCloseTo(expected.get(i)[1], within(tolerance));
        }
    }
}
