package io.thermalwatch.sink.influx;

import io.thermalwatch.sink.InfluxSinkConfig;
import io.thermalwatch.sink.measurement.Retention;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's InfluxDB 1.x: sets the schema up and writes line protocol through influxdb-java's raw
 * string write (its {@code Point} API measured ~155 k points/s here against ~370 k for raw line
 * protocol). Writes are synchronous; {@link WriteFailure#retryable()} tells the caller what to do.
 */
public final class InfluxStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InfluxStore.class);

    private final InfluxDB influx;
    private final InfluxSinkConfig config;

    public InfluxStore(InfluxSinkConfig config) {
        this.config = config;
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(config.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(config.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .retryOnConnectionFailure(false);
        this.influx = config.influxUser().isEmpty()
                ? InfluxDBFactory.connect(config.influxUrl(), http)
                : InfluxDBFactory.connect(config.influxUrl(), config.influxUser(), config.influxPassword(), http);
        influx.setLogLevel(InfluxDB.LogLevel.NONE);
    }

    /**
     * Creates the database, the retention policies ({@code raw} the default) and the continuous
     * queries, or brings existing ones in line.
     *
     * @throws WriteFailure if InfluxDB cannot be reached or refuses a statement
     */
    public void setUp() {
        String db = config.database();
        run("CREATE DATABASE " + InfluxSchema.quote(db));
        policy(Retention.RAW, config.rawRetention(), true);
        policy(Retention.DOWNSAMPLED, config.downsampledRetention(), false);
        for (String measurement : InfluxSchema.DOWNSAMPLED) {
            String create = InfluxSchema.continuousQuery(db, measurement);
            try {
                run(create);
            } catch (WriteFailure e) {
                // a query of that name with another definition (an older sink): replace it
                run("DROP CONTINUOUS QUERY " + InfluxSchema.quote(InfluxSchema.cqName(measurement)) + " ON " + InfluxSchema.quote(db));
                run(create);
            }
        }
        LOG.info("InfluxDB {} database {}: raw kept {} h, 1-minute downsamples kept {} h", config.influxUrl(), db,
                config.rawRetention().toHours(), config.downsampledRetention().toHours());
    }

    private void policy(Retention rp, java.time.Duration keep, boolean isDefault) {
        var statements = InfluxSchema.retentionPolicy(config.database(), rp, keep, isDefault);
        try {
            run(statements.get(0));
        } catch (WriteFailure e) {
            run(statements.get(1));
        }
    }

    /**
     * Writes points, newline-separated line protocol with millisecond timestamps.
     *
     * @throws WriteFailure when InfluxDB did not take them; {@code retryable()} false when it
     *                      refused them (a 4xx: parse error, type conflict, beyond retention), in
     *                      which case it stored the points it could
     */
    public void write(Retention rp, CharSequence lines) {
        try {
            influx.write(config.database(), rp.policy(), InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS, lines.toString());
        } catch (InfluxDBException e) {
            boolean databaseGone = String.valueOf(e.getMessage()).contains("database not found");
            throw new WriteFailure(e.getMessage(), e.isRetryWorth() || databaseGone, databaseGone, e);
        } catch (RuntimeException e) {
            throw new WriteFailure(String.valueOf(e.getMessage()), true, false, e);
        }
    }

    /** Runs an InfluxQL statement on the sink's database. */
    public QueryResult query(String influxQl) {
        try {
            QueryResult result = influx.query(new Query(influxQl, config.database()), TimeUnit.MILLISECONDS);
            String error = result.getError() != null ? result.getError()
                    : result.getResults() == null ? null
                    : result.getResults().stream().map(QueryResult.Result::getError).filter(e -> e != null).findFirst().orElse(null);
            if (error != null) {
                throw new WriteFailure(influxQl + ": " + error, false, false, null);
            }
            return result;
        } catch (InfluxDBException e) {
            throw new WriteFailure(influxQl + ": " + e.getMessage(), e.isRetryWorth(), false, e);
        }
    }

    private void run(String statement) {
        query(statement);
    }

    @Override
    public void close() {
        influx.close();
    }

    /** A write or statement InfluxDB did not carry out. */
    public static final class WriteFailure extends RuntimeException {
        private final boolean retryable;
        private final boolean databaseGone;

        WriteFailure(String message, boolean retryable, boolean databaseGone, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
            this.databaseGone = databaseGone;
        }

        /** Whether trying again may succeed (influxd down, overloaded, timed out). */
        public boolean retryable() {
            return retryable;
        }

        /** The database is gone (dropped by hand): set the schema up again, then retry. */
        public boolean databaseGone() {
            return databaseGone;
        }
    }
}
