package io.thermalwatch.api.history;

import static io.thermalwatch.api.history.HistoryData.NOW;
import static io.thermalwatch.api.history.HistoryData.RACK;
import static io.thermalwatch.api.history.HistoryFixture.enc;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * InfluxQL injection attempts in every parameter of every endpoint that reads InfluxDB (and the
 * summary's filters): each answer is a 400/404 problem+json or an empty result (never someone
 * else's data), and the database holds all its points afterwards.
 */
class HistoryInjectionIT {

    static final List<String> ATTEMPTS = List.of("' OR 1=1", "\" OR \"\"=\"", "\"; DROP DATABASE thermalwatch",
            "'; DROP DATABASE thermalwatch; --", "r01-k01' OR rack =~ /.*/ OR rack = '", "/.*/", "=~ /.*/", "\n",
            "r01-k01\nDROP DATABASE thermalwatch", "$tmin", "$rack", "$from", "🙂", "*", "\\", "\u0000", "x".repeat(10_000),
            "1; DROP MEASUREMENT rack", "60s) fill(0); DROP DATABASE thermalwatch; SELECT (1");

    private static HistoryFixture f;

    @BeforeAll
    static void start() {
        f = new HistoryFixture();
        HistoryData.fill(f);
        HistoryData.fillAlerts(f);
    }

    @AfterAll
    static void stop() {
        if (f != null) {
            f.close();
        }
    }

    /** Every endpoint and parameter, with {@code %s} where the attempt goes (percent-encoded). */
    static List<String> targets() {
        String w = "from=" + (NOW - 7_200_000) + "&to=" + NOW;
        return List.of(
                "/api/v1/history/racks/%s?" + w,
                "/api/v1/history/racks/" + RACK + "?from=%s",
                "/api/v1/history/racks/" + RACK + "?to=%s",
                "/api/v1/history/racks/" + RACK + "?step=%s",
                "/api/v1/history/racks/" + RACK + "?fields=%s",
                "/api/v1/history/racks/" + RACK + "?fields=totalPowerW,%s",
                "/api/v1/history/gpus/%s/" + RACK + "-n01/0?" + w,
                "/api/v1/history/gpus/" + RACK + "/%s/0?" + w,
                "/api/v1/history/gpus/" + RACK + "/" + RACK + "-n01/%s?" + w,
                "/api/v1/history/gpus/" + RACK + "/" + RACK + "-n01/0?fields=%s",
                "/api/v1/racks/%s/gpus",
                "/api/v1/alerts/history?" + w + "&rack=%s",
                "/api/v1/alerts/history?" + w + "&rule=%s",
                "/api/v1/alerts/history?" + w + "&severity=%s",
                "/api/v1/alerts/history?" + w + "&limit=%s",
                "/api/v1/alerts/history?" + w + "&cursor=%s",
                "/api/v1/alerts/history?to=" + NOW + "&from=%s",
                "/api/v1/alerts/history?to=%s",
                "/api/v1/summary?site=%s",
                "/api/v1/summary?hall=%s",
                "/api/v1/summary?row=%s");
    }

    private Map<String, Double> counts() {
        return Map.of(
                "rack", f.count("SELECT count(\"totalPowerW\") FROM \"raw\".\"rack\""),
                "rack_1m", f.count("SELECT count(\"mean_totalPowerW\") FROM \"one_minute\".\"rack\""),
                "gpu", f.count("SELECT count(\"powerW\") FROM \"raw\".\"gpu\""),
                "alert", f.count("SELECT count(\"id\") FROM \"one_minute\".\"alert\""));
    }

    @Test
    void everyAttemptIsRefusedOrFindsNothingAndTheDataStays() {
        Map<String, Double> before = counts();
        assertThat(before.values()).allSatisfy(c -> assertThat(c).isPositive());
        List<String> outcomes = new ArrayList<>();
        for (String target : targets()) {
            for (String attempt : ATTEMPTS) {
                String uri = target.replace("%s", enc(attempt));
                HistoryFixture.Answer a = f.get(uri, null);
                String what = target + " <- " + HistoryField.clip(attempt) + ": " + a.status() + " " + HistoryField.clip(a.body());
                if (a.status() == 200) {
                    Map<String, Object> body = f.json(a.body());
                    if (body.containsKey("series")) {
                        assertThat(HistoryApiIT.series(body)).as(what).allSatisfy(s -> assertThat(HistoryApiIT.points(s)).isEmpty());
                    } else {
                        assertThat(body).as(what).containsEntry("count", 0);
                    }
                } else {
                    assertThat(a.status()).as(what).isIn(400, 404);
                    f.assertProblem(a, a.status(), null);
                }
                outcomes.add(a.status() + "");
            }
        }
        assertThat(counts()).isEqualTo(before);
        assertThat(f.count("SELECT count(\"totalPowerW\") FROM \"raw\".\"rack\" WHERE \"rack\" = '" + RACK + "'")).isPositive();
        System.out.printf("injection: %d requests, by status %s; counts before = after = %s%n", outcomes.size(),
                outcomes.stream().collect(java.util.stream.Collectors.groupingBy(s -> s, java.util.TreeMap::new,
                        java.util.stream.Collectors.counting())), before);
    }
}
