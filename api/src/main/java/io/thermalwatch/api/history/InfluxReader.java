package io.thermalwatch.api.history;

import io.micronaut.http.HttpStatus;
import io.thermalwatch.api.problem.ProblemException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBFactory;
import org.influxdb.InfluxDBIOException;
import org.influxdb.dto.BoundParameterQuery;
import org.influxdb.dto.QueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs read-only InfluxQL against the sink's database, <b>always with bound parameters</b>: the
 * statement text is built only from constants, allow-listed field names and numbers the API parsed
 * ({@code LIMIT}, {@code GROUP BY time()}); every value from a request travels in InfluxDB's
 * {@code params} and is never part of the statement. Times come back as epoch milliseconds.
 *
 * <p>InfluxDB unreachable or timing out is a 503 problem; a query it refuses is a 502 (logged at WARN).
 */
@Singleton
public final class InfluxReader {

    private static final Logger LOG = LoggerFactory.getLogger(InfluxReader.class);

    /** One row of a result series: its tags (as stored: see {@code TagValues}) and its columns. */
    public record Row(Map<String, String> tags, Map<String, Object> columns) {

        /** A numeric column, or null when absent. */
        public Double number(String column) {
            Object v = columns.get(column);
            return v instanceof Number n ? n.doubleValue() : null;
        }

        /** A string column, or null when absent. */
        public String text(String column) {
            Object v = columns.get(column);
            return v == null ? null : v.toString();
        }

        /** The row's time, epoch ms. */
        public long timeMs() {
            return ((Number) columns.get("time")).longValue();
        }
    }

    private final InfluxDB influx;
    private final InfluxConfig config;

    InfluxReader(InfluxConfig config) {
        this.config = config;
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .retryOnConnectionFailure(false);
        this.influx = config.user().isEmpty()
                ? InfluxDBFactory.connect(config.url(), http)
                : InfluxDBFactory.connect(config.url(), config.user(), config.password(), http);
        influx.setLogLevel(InfluxDB.LogLevel.NONE);
    }

    /** {@code "db"."rp"."measurement"}: the names are constants of the API, never request text. */
    public String from(String retentionPolicy, String measurement) {
        return quote(config.database()) + "." + quote(retentionPolicy) + "." + quote(measurement);
    }

    /**
     * Runs {@code influxQl} with {@code params} bound ({@code $name} in the statement).
     *
     * @return every row of every series, in InfluxDB's order
     */
    public List<Row> query(String influxQl, Map<String, Object> params) {
        BoundParameterQuery.QueryBuilder builder = BoundParameterQuery.QueryBuilder.newQuery(influxQl)
                .forDatabase(config.database());
        params.forEach(builder::bind);
        QueryResult result;
        try {
            result = influx.query(builder.create(), TimeUnit.MILLISECONDS);
        } catch (InfluxDBIOException e) {
            // connection refused, timed out: the store is away
            LOG.warn("InfluxDB at {} did not answer: {}", config.url(), e.getMessage());
            throw unavailable("InfluxDB did not answer");
        } catch (InfluxDBException e) {
            // an HTTP error status: influxd answered, and refused (or has no such database)
            throw refused(String.valueOf(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("InfluxDB at {} did not answer: {}", config.url(), e.toString());
            throw unavailable("InfluxDB did not answer");
        }
        String error = result.getError();
        List<Row> rows = new ArrayList<>();
        if (error == null && result.getResults() != null) {
            for (QueryResult.Result r : result.getResults()) {
                if (r.getError() != null) {
                    error = r.getError();
                    break;
                }
                if (r.getSeries() == null) {
                    continue;
                }
                for (QueryResult.Series s : r.getSeries()) {
                    Map<String, String> tags = s.getTags() == null ? Map.of() : s.getTags();
                    for (List<Object> values : s.getValues()) {
                        Map<String, Object> columns = new java.util.HashMap<>();
                        for (int i = 0; i < s.getColumns().size(); i++) {
                            columns.put(s.getColumns().get(i), values.get(i));
                        }
                        rows.add(new Row(tags, columns));
                    }
                }
            }
        }
        if (error != null) {
            throw refused(error);
        }
        return rows;
    }

    private ProblemException refused(String error) {
        if (error.contains("database not found")) {
            return unavailable("the history database '" + config.database() + "' does not exist yet (the sink creates it)");
        }
        LOG.warn("InfluxDB refused a history query: {}", error);
        return new ProblemException(HttpStatus.BAD_GATEWAY, "urn:thermalwatch:problem:history-query-failed",
                "History query failed", "InfluxDB refused the query");
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "urn:thermalwatch:problem:history-unavailable",
                "History store unavailable", detail);
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    @PreDestroy
    void close() {
        influx.close();
    }
}
