package io.thermalwatch.api.alert;

import io.thermalwatch.api.history.InfluxReader;
import io.thermalwatch.model.TagValues;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads alert changes from the sink's {@code one_minute.alert} measurement in (time, id) order.
 *
 * <p>InfluxDB orders by time only, so a page is read as: the rest of the cursor's millisecond
 * ({@code time = cursor}, ids after the cursor's), then up to {@code limit + 1} later changes; when
 * those fill up, the changes at the last millisecond read may be incomplete, so that whole
 * millisecond is read again on its own. Every change up to the page's end is then known, and
 * sorting by (time, id) gives the same order on every read.
 */
@Singleton
final class AlertHistoryQuery {

    /** Most changes read at one millisecond (far beyond any real burst: ~20 rules per subject). */
    private static final int MAX_AT_ONE_MS = 10_000;
    static final Comparator<AlertChangeView> ORDER =
            Comparator.comparingLong(AlertChangeView::timeMs).thenComparing(AlertChangeView::id);

    private final InfluxReader influx;

    AlertHistoryQuery(InfluxReader influx) {
        this.influx = influx;
    }

    /**
     * Changes in {@code [fromMs, toMs)} after {@code cursor} (all when null), in (time, id) order:
     * at least the first {@code limit}, and more than {@code limit} exactly when there are more.
     *
     * @param filters column ({@code rack}, {@code rule}, {@code severity}) to the bound value it must equal
     */
    List<AlertChangeView> after(Map<String, String> filters, long fromMs, long toMs, HistoryCursor cursor, int limit) {
        List<AlertChangeView> out = new ArrayList<>();
        long restFrom = fromMs;
        String restOp = ">=";
        if (cursor != null) {
            for (AlertChangeView c : at(filters, cursor.timeMs())) {
                if (c.id().compareTo(cursor.id()) > 0) {
                    out.add(c);
                }
            }
            restFrom = cursor.timeMs();
            restOp = ">";
        }
        Map<String, Object> params = params(filters);
        params.put("tmin", iso(restFrom));
        params.put("tmax", iso(toMs));
        List<AlertChangeView> rest = views(influx.query(select(filters) + "time " + restOp + " $tmin AND time < $tmax"
                + " ORDER BY time ASC LIMIT " + (limit + 1), params));
        if (rest.size() == limit + 1) {
            long lastMs = rest.get(rest.size() - 1).timeMs();
            rest.removeIf(c -> c.timeMs() == lastMs);
            rest.addAll(at(filters, lastMs));
        }
        rest.sort(ORDER);
        out.addAll(rest);
        return out;
    }

    private List<AlertChangeView> at(Map<String, String> filters, long timeMs) {
        Map<String, Object> params = params(filters);
        params.put("at", iso(timeMs));
        List<AlertChangeView> views = views(influx.query(select(filters) + "time = $at LIMIT " + MAX_AT_ONE_MS, params));
        views.sort(ORDER);
        return views;
    }

    /** {@code SELECT * ... WHERE <filters> AND }, the time condition to follow; column names are constants. */
    private String select(Map<String, String> filters) {
        StringBuilder q = new StringBuilder("SELECT * FROM ").append(influx.from("one_minute", "alert")).append(" WHERE ");
        for (String column : filters.keySet()) {
            q.append('"').append(column).append("\" = $").append(column).append(" AND ");
        }
        return q.toString();
    }

    private static Map<String, Object> params(Map<String, String> filters) {
        return new HashMap<>(filters);
    }

    private static String iso(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }

    private static List<AlertChangeView> views(List<InfluxReader.Row> rows) {
        List<AlertChangeView> views = new ArrayList<>(rows.size());
        for (InfluxReader.Row r : rows) {
            String gpu = r.text("gpu");
            Double starts = r.number("startsAtMs");
            Double ends = r.number("endsAtMs");
            views.add(new AlertChangeView(r.timeMs(), iso(r.timeMs()), r.text("id"), tag(r, "rule"), r.text("severity"),
                    r.text("state"), tag(r, "site"), tag(r, "hall"), tag(r, "row"), tag(r, "rack"), tag(r, "node"),
                    gpu == null ? null : Integer.valueOf(gpu), tag(r, "loop"), r.number("value"), r.number("threshold"),
                    starts == null ? null : starts.longValue(), ends == null ? null : ends.longValue(), r.text("title"),
                    r.text("runbookUrl")));
        }
        return views;
    }

    private static String tag(InfluxReader.Row r, String column) {
        String stored = r.text(column);
        return stored == null ? null : TagValues.decode(stored);
    }
}
