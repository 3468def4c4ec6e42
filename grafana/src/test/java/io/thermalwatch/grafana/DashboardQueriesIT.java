package io.thermalwatch.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thermalwatch.grafana.GrafanaMacros.Range;
import io.thermalwatch.grafana.GrafanaMacros.Selection;
import io.thermalwatch.grafana.InfluxHttp.Series;
import io.thermalwatch.sink.InfluxSinkConfig;
import io.thermalwatch.sink.bench.InfluxdServer;
import io.thermalwatch.sink.influx.InfluxStore;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every panel query, annotation query and variable query of every dashboard, with Grafana's macros
 * and variables substituted as Grafana does, run over HTTP against a real influxd that the sink's
 * own writer filled with two hours of a small hall (both retention policies). Each must return at
 * least one series, with exactly the columns its SELECT names, each holding a value, and the tags
 * it groups by. Three ways of selecting: every variable at "All" over the last 6 h; every value
 * selected explicitly (Grafana's {@code (a|b)} form) over an absolute range; and one rack whose id
 * holds regex metacharacters, which must come back as that rack alone.
 */
class DashboardQueriesIT {

    private static final Duration SPAN = Duration.ofHours(2);
    /** The smallest $__interval Grafana computes for these ranges here (the data source's timeInterval). */
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private static InfluxdServer influxd;
    private static InfluxStore store;
    private static InfluxHttp influx;
    private static long fromMs;
    private static long toMs;

    enum Choice { ALL, EVERY_VALUE, HOSTILE_RACK }

    @BeforeAll
    static void fillInfluxdWithThePipelinesWriter() throws Exception {
        influxd = InfluxdServer.start(Files.createTempDirectory("grafana-it-influxd"));
        String database = Provisioning.influxDatabase();
        store = new InfluxStore(new InfluxSinkConfig("localhost:9092", "grafana-it", influxd.url(), "", "", database,
                Duration.ofDays(7), Duration.ofDays(400), 5_000, Duration.ofSeconds(5), Duration.ofSeconds(30), 0));
        store.setUp();
        toMs = Instant.now().truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        fromMs = toMs - SPAN.toMillis();
        long started = System.nanoTime();
        int points = new PipelineData(store).fill(fromMs, toMs, database);
        System.out.printf("grafana IT: %d points written by the sink's encoders in %d ms, plus the 1-minute downsamples%n",
                points, (System.nanoTime() - started) / 1_000_000);
        influx = new InfluxHttp(influxd.url(), database);
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
        }
        if (influxd != null) {
            influxd.close();
        }
    }

    @Test
    void everyQueryWithEveryVariableAtAllOverTheLastSixHours() {
        assertThat(runAll(Choice.ALL, Range.lastHours(6, System.currentTimeMillis(), INTERVAL))).isEmpty();
    }

    @Test
    void everyQueryWithEveryValueSelectedOverAnAbsoluteRange() {
        assertThat(runAll(Choice.EVERY_VALUE, Range.absolute(fromMs, toMs, INTERVAL))).isEmpty();
    }

    @Test
    void everyQueryWithTheRackWhoseIdHoldsRegexCharacters() {
        assertThat(runAll(Choice.HOSTILE_RACK, Range.absolute(fromMs, toMs, INTERVAL))).isEmpty();
    }

    /** Runs every query of every dashboard; returns one line per failure (dashboard, panel, query, why). */
    private static List<String> runAll(Choice choice, Range range) {
        List<String> failures = new ArrayList<>();
        int queries = 0;
        for (Dashboard d : Dashboard.all()) {
            Map<String, Selection> selections = new LinkedHashMap<>();
            for (JsonNode v : d.variables()) {
                String query = GrafanaMacros.interpolate(v.path("query").asText(), selections, range);
                queries++;
                List<String> values = variableValues(query, d.file() + " variable $" + v.path("name").asText(), failures);
                if (values.isEmpty()) {
                    failures.add(d.file() + " variable $" + v.path("name").asText() + ": no values from: " + query);
                    selections.put(v.path("name").asText(), new Selection(List.of(), true, ".*"));
                    continue;
                }
                selections.put(v.path("name").asText(), select(choice, v, values));
            }
            for (Dashboard.Target t : d.targets()) {
                Duration interval = t.minInterval().isEmpty() ? range.interval()
                        : max(range.interval(), GrafanaMacros.parseInterval(t.minInterval()));
                failures.addAll(check(t.toString(), t.query(), selections, range.withInterval(interval), choice));
                queries++;
            }
            for (JsonNode a : d.annotationQueries()) {
                failures.addAll(check(d.file() + " / annotation \"" + a.path("name").asText() + "\"", a.path("query").asText(), selections,
                        range, choice));
                queries++;
            }
        }
        System.out.printf("grafana IT: %s, %s: %d queries, %d failures%n", choice, range.timeFilter(), queries, failures.size());
        return failures;
    }

    private static Selection select(Choice choice, JsonNode variable, List<String> values) {
        String name = variable.path("name").asText();
        if (choice == Choice.ALL) {
            return new Selection(List.of(), true, variable.path("allValue").asText(".*"));
        }
        if (choice == Choice.HOSTILE_RACK && name.equals("rack")) {
            assertThat(values).as("the rack variable offers the hostile rack").contains(PipelineData.HOSTILE_RACK);
            return Selection.of(List.of(PipelineData.HOSTILE_RACK));
        }
        return Selection.of(values);
    }

    private static List<String> variableValues(String query, String what, List<String> failures) {
        List<String> values = new ArrayList<>();
        try {
            for (Series s : influx.query(query)) {
                int column = s.columns().indexOf("value");
                s.values().forEach(row -> values.add(String.valueOf(row.get(column))));
            }
        } catch (IllegalStateException e) {
            failures.add(what + ": " + e.getMessage() + " in: " + query);
        }
        return values;
    }

    /** Runs one panel or annotation query; returns why it fails its panel, if it does. */
    private static List<String> check(String what, String rawQuery, Map<String, Selection> selections, Range range, Choice choice) {
        String query;
        QueryShape shape;
        try {
            query = GrafanaMacros.interpolate(rawQuery, selections, range);
            shape = QueryShape.of(rawQuery);
        } catch (IllegalArgumentException e) {
            return List.of(what + ": " + e.getMessage());
        }
        List<String> failures = new ArrayList<>();
        List<Series> series;
        try {
            series = influx.query(query);
        } catch (IllegalStateException e) {
            return List.of(what + ": " + e.getMessage() + " in: " + query);
        }
        if (series.isEmpty()) {
            return List.of(what + ": no series from: " + query);
        }
        List<String> expected = new ArrayList<>(List.of("time"));
        expected.addAll(shape.columns());
        for (Series s : series) {
            if (!s.columns().equals(expected)) {
                failures.add(what + ": columns " + s.columns() + ", expected " + expected + " from: " + query);
            }
            if (!s.tags().keySet().containsAll(shape.groupByTags())) {
                failures.add(what + ": series tags " + s.tags() + ", expected " + shape.groupByTags() + " from: " + query);
            }
            if (choice == Choice.HOSTILE_RACK && s.tags().containsKey("rack") && !PipelineData.HOSTILE_RACK.equals(s.tags().get("rack"))) {
                failures.add(what + ": rack " + s.tags().get("rack") + " answered a query for " + PipelineData.HOSTILE_RACK + ": " + query);
            }
        }
        for (int c = 0; c < expected.size(); c++) {
            int column = c;
            boolean hasValue = series.stream().flatMap(s -> s.values().stream())
                    .anyMatch(row -> column < row.size() && row.get(column) != null);
            if (!hasValue) {
                failures.add(what + ": column " + expected.get(c) + " holds no value in any series from: " + query);
            }
        }
        return failures;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
