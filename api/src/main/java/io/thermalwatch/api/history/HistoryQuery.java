package io.thermalwatch.api.history;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds and runs the history InfluxQL. The statement is made of constants, allow-listed
 * {@link HistoryField}s and the parsed step in ms; the ids and times are bound parameters
 * ({@code $rack}, {@code $from}...), ids mapped as the sink stores them.
 */
@Singleton
final class HistoryQuery {

    private final InfluxReader influx;

    HistoryQuery(InfluxReader influx) {
        this.influx = influx;
    }

    /**
     * One series per field, for the points whose tags equal {@code tags} (tag key to stored value).
     *
     * @param tags tag keys are constants of the caller ({@code rack}, {@code node}, {@code gpu}); values are bound
     */
    List<HistorySeries> series(HistoryField.Kind kind, Map<String, String> tags, List<HistoryField> fields, HistoryRange range) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder();
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            where.append(InfluxReader.quote(tag.getKey())).append(" = $").append(tag.getKey()).append(" AND ");
            params.put(tag.getKey(), tag.getValue());
        }
        where.append("time >= $tmin AND time < $tmax");
        params.put("tmin", java.time.Instant.ofEpochMilli(range.fromMs()).toString());
        params.put("tmax", java.time.Instant.ofEpochMilli(range.toMs()).toString());
        String select = fields.stream().map(f -> f.select(range.downsampled())).collect(Collectors.joining(", "));
        String influxQl = "SELECT " + select + " FROM " + influx.from(range.retentionPolicy(), kind.measurement())
                + " WHERE " + where + " GROUP BY time(" + range.stepMs() + "ms) fill(none)";
        List<InfluxReader.Row> rows = influx.query(influxQl, params);
        List<HistorySeries> series = new ArrayList<>();
        for (HistoryField f : fields) {
            List<List<Number>> points = new ArrayList<>();
            for (InfluxReader.Row row : rows) {
                Double v = row.number(f.field());
                if (v != null) {
                    points.add(List.of(row.timeMs(), v));
                }
            }
            series.add(new HistorySeries(f.field(), f.unit(), f.aggregate(), points));
        }
        return series;
    }
}
