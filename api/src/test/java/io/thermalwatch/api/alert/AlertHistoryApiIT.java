package io.thermalwatch.api.alert;

import static io.thermalwatch.api.history.HistoryFixture.enc;
import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.api.history.HistoryData;
import io.thermalwatch.api.history.HistoryFixture;
import io.thermalwatch.model.ThermalAlert;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Alert history over HTTP, from the alert changes the sink's encoder wrote to a real influxd. */
class AlertHistoryApiIT {

    private static final long NOW = HistoryData.NOW;
    private static final String WINDOW = "from=" + (NOW - 7_200_000) + "&to=" + NOW;
    private static HistoryFixture f;

    @BeforeAll
    static void start() {
        f = new HistoryFixture();
        HistoryData.fillAlerts(f);
    }

    @AfterAll
    static void stop() {
        if (f != null) {
            f.close();
        }
    }

    /** The changes {@code filter} accepts, in the API's order: time, then id. */
    private static List<String> expected(Predicate<ThermalAlert> filter) {
        return HistoryData.alerts().stream().filter(filter)
                .sorted(Comparator.comparingLong(HistoryData::timeOf).thenComparing(ThermalAlert::id))
                .map(a -> HistoryData.timeOf(a) + " " + a.id() + " " + a.state()).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> alerts(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("alerts");
    }

    private static List<String> keys(List<Map<String, Object>> alerts) {
        return alerts.stream().map(a -> a.get("timeMs") + " " + a.get("id") + " " + a.get("state")).toList();
    }

    private Map<String, Object> page(String uri) {
        HistoryFixture.Answer a = f.get(uri, null);
        assertThat(a.status()).as(a.toString()).isEqualTo(200);
        return f.json(a.body());
    }

    @Test
    void servesEveryChangeOrderedByTimeThenIdWithEveryField() {
        Map<String, Object> page = page("/api/v1/alerts/history?" + WINDOW + "&limit=1000");
        assertThat(keys(alerts(page))).containsExactlyElementsOf(expected(a -> true)).hasSize(23);
        assertThat(page).containsEntry("count", 23).doesNotContainKey("next");
        ThermalAlert resolved = HistoryData.alerts().get(4);
        Map<String, Object> view = alerts(page).stream().filter(a -> a.get("id").equals(resolved.id())
                && a.get("state").equals("resolved")).findFirst().orElseThrow();
        assertThat(view).containsEntry("rule", resolved.rule()).containsEntry("severity", "critical").containsEntry("site", "ams1")
                .containsEntry("hall", "h1").containsEntry("row", "r01").containsEntry("rack", resolved.rack())
                .containsEntry("node", resolved.node()).containsEntry("gpu", 1).containsEntry("value", 10.5)
                .containsEntry("startsAtMs", resolved.startsAtMs()).containsEntry("endsAtMs", resolved.endsAtMs())
                .containsEntry("timeMs", resolved.endsAtMs()).containsEntry("time", java.time.Instant.ofEpochMilli(resolved.endsAtMs()).toString())
                .doesNotContainKey("threshold").doesNotContainKey("loop");
    }

    /**
     * Every page size from 1 to 7, so that pages end at every position inside a millisecond: influxd's
     * order among changes at one millisecond is not the API's (nor even stable), and a page that
     * trusted it would lose or repeat changes.
     */
    @Test
    void pagesFollowTheNextLinkWithoutLosingOrRepeatingAChange() {
        for (int limit = 1; limit <= 7; limit++) {
            List<Map<String, Object>> all = new ArrayList<>();
            String uri = "/api/v1/alerts/history?" + WINDOW + "&limit=" + limit;
            int pages = 0;
            while (uri != null) {
                Map<String, Object> page = page(uri);
                assertThat(alerts(page)).hasSizeLessThanOrEqualTo(limit).isNotEmpty();
                all.addAll(alerts(page));
                uri = (String) page.get("next");
                pages++;
            }
            assertThat(pages).as("pages of " + limit).isEqualTo((23 + limit - 1) / limit);
            assertThat(keys(all)).as("pages of " + limit).containsExactlyElementsOf(expected(a -> true));
        }
    }

    @Test
    void filtersBySeverityRuleAndHostileRackIdsWithTheirPagesToo() {
        String hostile = HistoryData.HOSTILE_RACK;
        assertThat(keys(alerts(page("/api/v1/alerts/history?" + WINDOW + "&rack=" + enc(hostile)))))
                .containsExactlyElementsOf(expected(a -> a.rack().equals(hostile))).isNotEmpty();
        assertThat(keys(alerts(page("/api/v1/alerts/history?" + WINDOW + "&severity=critical"))))
                .containsExactlyElementsOf(expected(a -> a.severity().equals("critical")));
        assertThat(keys(alerts(page("/api/v1/alerts/history?" + WINDOW + "&severity=warning")))).hasSize(23);
        assertThat(keys(alerts(page("/api/v1/alerts/history?" + WINDOW + "&rule=gpu-temp&severity=critical&rack=r01-k02"))))
                .containsExactlyElementsOf(expected(a -> a.rule().equals("gpu-temp") && a.severity().equals("critical")
                        && a.rack().equals("r01-k02"))).isNotEmpty();
        Map<String, Object> first = page("/api/v1/alerts/history?" + WINDOW + "&rack=" + enc(hostile) + "&limit=2");
        Map<String, Object> second = page((String) first.get("next"));
        List<Map<String, Object>> both = new ArrayList<>(alerts(first));
        both.addAll(alerts(second));
        assertThat(keys(both)).containsExactlyElementsOf(expected(a -> a.rack().equals(hostile)).subList(0, 4));
        assertThat(alerts(page("/api/v1/alerts/history?from=" + (NOW - 600_000) + "&to=" + NOW))).isEmpty();
    }

    @Test
    void badFiltersAre400ProblemsNamingTheParameter() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("severity=info", "severity"),
                Map.entry("severity=CRITICAL", "severity"),
                Map.entry("rule=" + enc("gpu temp"), "rule"),
                Map.entry("rule=" + enc("' OR 1=1"), "rule"),
                Map.entry("rack=" + enc(" "), "rack"),
                Map.entry("limit=0", "limit"),
                Map.entry("limit=1001", "limit"),
                Map.entry("limit=ten", "limit"),
                Map.entry("cursor=%21%21", "cursor"),
                Map.entry("cursor=bm9jb2xvbg", "cursor"),
                Map.entry("cursor=" + new HistoryCursor(NOW - 86_400_000L * 3, "x").encode(), "cursor"),
                Map.entry("from=" + NOW + "&to=" + NOW, "from"),
                Map.entry("from=0&to=" + NOW, "from"),
                Map.entry("to=never", "to"));
        cases.forEach((query, parameter) -> f.assertProblem(f.get("/api/v1/alerts/history?" + query, null), 400,
                "urn:thermalwatch:problem:invalid-" + parameter));
    }
}
