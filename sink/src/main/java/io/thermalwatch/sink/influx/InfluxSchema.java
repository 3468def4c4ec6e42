package io.thermalwatch.sink.influx;

import io.thermalwatch.sink.measurement.CoolantLines;
import io.thermalwatch.sink.measurement.GpuLines;
import io.thermalwatch.sink.measurement.RackLines;
import io.thermalwatch.sink.measurement.Retention;
import java.time.Duration;
import java.util.List;

/**
 * The database, its two retention policies and the downsampling continuous queries, created (or
 * brought in line) at every start, idempotently.
 *
 * <p>Downsampling runs in influxd as continuous queries, not in the sink: a query over the raw
 * points is right whatever order or batch they arrived in, and influxd computes it next to the
 * data; a sink-side aggregator would need its own state across restarts and rebalances to stay
 * exact under replays. Each query runs every minute over the last {@link #RESAMPLE_FOR} (not just
 * the last minute), so points written up to that late (influxd or the sink down, Kafka lag) are
 * still folded in; older gaps are filled by running {@link #backfill} (see the README).
 */
public final class InfluxSchema {

    /** How far back each continuous query recomputes its 1-minute buckets on every run. */
    public static final Duration RESAMPLE_FOR = Duration.ofMinutes(15);
    /** The raw measurements that are downsampled (same name in the long policy). */
    public static final List<String> DOWNSAMPLED = List.of(GpuLines.MEASUREMENT, CoolantLines.MEASUREMENT, RackLines.MEASUREMENT);

    private InfluxSchema() {
    }

    /** Creating the policy, and bringing an existing one in line (the second runs when the first fails). */
    public static List<String> retentionPolicy(String database, Retention rp, Duration keep, boolean isDefault) {
        String body = " ON " + quote(database) + " DURATION " + keep.toHours() + "h REPLICATION 1" + (isDefault ? " DEFAULT" : "");
        return List.of("CREATE RETENTION POLICY " + quote(rp.policy()) + body,
                "ALTER RETENTION POLICY " + quote(rp.policy()) + body);
    }

    public static String cqName(String measurement) {
        return "cq_" + measurement + "_1m";
    }

    /** The continuous query that downsamples {@code measurement}: mean, min and max of every numeric field. */
    public static String continuousQuery(String database, String measurement) {
        return "CREATE CONTINUOUS QUERY " + quote(cqName(measurement)) + " ON " + quote(database)
                + " RESAMPLE EVERY 1m FOR " + RESAMPLE_FOR.toMinutes() + "m BEGIN " + select(database, measurement, "") + " END";
    }

    /** The same query over an explicit time range, for filling gaps older than {@link #RESAMPLE_FOR}. */
    public static String backfill(String database, String measurement, long fromMs, long toMs) {
        return select(database, measurement, " WHERE time >= " + fromMs + "ms AND time < " + toMs + "ms");
    }

    private static String select(String database, String measurement, String where) {
        return "SELECT mean(*), min(*), max(*) INTO " + quote(database) + "." + quote(Retention.DOWNSAMPLED.policy()) + "."
                + quote(measurement) + " FROM " + quote(database) + "." + quote(Retention.RAW.policy()) + "." + quote(measurement)
                + where + " GROUP BY time(1m), *";
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
