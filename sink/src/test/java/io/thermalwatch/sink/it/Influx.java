package io.thermalwatch.sink.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/** Reads back with InfluxQL, as an analyst would. */
public final class Influx implements AutoCloseable {

    private final InfluxDB influx;
    private final String database;

    public Influx(String url, String database) {
        this.influx = InfluxDBFactory.connect(url, new OkHttpClient.Builder().readTimeout(30, TimeUnit.SECONDS));
        this.database = database;
    }

    /** Every row of every series: column name to value, plus each series' tags under "tag:NAME". */
    public List<Map<String, Object>> rows(String influxQl) {
        QueryResult result = influx.query(new Query(influxQl, database), TimeUnit.MILLISECONDS);
        if (result.hasError()) {
            throw new IllegalStateException(influxQl + ": " + result.getError());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (QueryResult.Result r : result.getResults()) {
            if (r.hasError()) {
                throw new IllegalStateException(influxQl + ": " + r.getError());
            }
            if (r.getSeries() == null) {
                continue;
            }
            for (QueryResult.Series s : r.getSeries()) {
                for (List<Object> values : s.getValues()) {
                    Map<String, Object> row = new HashMap<>();
                    for (int i = 0; i < s.getColumns().size(); i++) {
                        row.put(s.getColumns().get(i), values.get(i));
                    }
                    if (s.getTags() != null) {
                        s.getTags().forEach((k, v) -> row.put("tag:" + k, v));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** A single number (count, mean...), 0 when the query finds nothing. */
    public double number(String influxQl, String column) {
        List<Map<String, Object>> rows = rows(influxQl);
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).get(column)).doubleValue();
    }

    @Override
    public void close() {
        influx.close();
    }
}
