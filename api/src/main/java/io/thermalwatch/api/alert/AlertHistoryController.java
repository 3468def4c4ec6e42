package io.thermalwatch.api.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.thermalwatch.api.history.HistoryRange;
import io.thermalwatch.api.history.Ids;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alert history: {@code GET /api/v1/alerts/history?from=&to=&severity=&rule=&rack=&limit=&cursor=},
 * every state change (fired, severity changed, resolved) the sink stored in InfluxDB, oldest first,
 * ordered by (time, alert id). {@code from}/{@code to}: ISO-8601 or epoch ms, default the last 24 h,
 * at most 400 days apart; {@code severity} a floor as in {@code /api/v1/alerts}; {@code rule} a rule
 * id ({@value #RULE_PATTERN}); {@code rack} any rack id; {@code limit} 1..{@value #MAX_LIMIT}
 * (default 100); {@code cursor} from the previous page's {@code next}. A bad value is a 400 problem
 * naming the parameter; InfluxDB away is a 503. Ids and times are bound parameters, never query text.
 */
// Needs role: analyst (after the JWT merge).
@Controller("/api/v1/alerts/history")
final class AlertHistoryController {

    static final String RULE_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    static final int MAX_LIMIT = 1000;

    private final AlertHistoryQuery query;
    private final Clock clock;

    AlertHistoryController(AlertHistoryQuery query, Clock clock) {
        this.query = query;
        this.clock = clock;
    }

    @Get
    AlertHistoryPage history(@Nullable @QueryValue String from, @Nullable @QueryValue String to,
            @Nullable @QueryValue String severity, @Nullable @QueryValue String rule, @Nullable @QueryValue String rack,
            @Nullable @QueryValue String limit, @Nullable @QueryValue String cursor) {
        // filters (tag or field name to bound value)
        Map<String, String> filters = new LinkedHashMap<>();
        if (severity != null) {
            AlertSeverity floor;
            try {
                floor = AlertSeverity.of(severity);
            } catch (IllegalArgumentException e) {
                throw HistoryRange.invalid("severity", "severity must be warning (warning and critical) or critical");
            }
            if (floor == AlertSeverity.CRITICAL) {
                filters.put("severity", floor.wireName());
            }
        }
        if (rule != null) {
            if (!rule.matches(RULE_PATTERN)) {
                throw HistoryRange.invalid("rule", "rule must be a rule id (" + RULE_PATTERN + "), e.g. gpu-slowdown-margin");
            }
            filters.put("rule", rule);
        }
        if (rack != null) {
            filters.put("rack", Ids.stored("rack", rack));
        }
        int pageSize = limit(limit);
        long toMs = to == null ? clock.millis() : HistoryRange.time("to", to);
        long fromMs = from == null ? toMs - Duration.ofDays(1).toMillis() : HistoryRange.time("from", from);
        if (fromMs >= toMs) {
            throw HistoryRange.invalid("from", "from must be before to");
        }
        if (toMs - fromMs > HistoryRange.MAX_RANGE.toMillis()) {
            throw HistoryRange.invalid("from", "the range from..to is at most " + HistoryRange.MAX_RANGE.toDays() + " days");
        }
        HistoryCursor after = cursor == null ? null : HistoryCursor.decode(cursor);
        if (after != null && (after.timeMs() < fromMs || after.timeMs() >= toMs)) {
            throw HistoryRange.invalid("cursor", "cursor lies outside from..to: keep the next link's from and to");
        }
        List<AlertChangeView> candidates = query.after(filters, fromMs, toMs, after, pageSize);
        List<AlertChangeView> page = new ArrayList<>(candidates.subList(0, Math.min(pageSize, candidates.size())));
        String next = null;
        if (candidates.size() > pageSize) {
            AlertChangeView last = page.get(page.size() - 1);
            next = link(fromMs, toMs, severity, rule, rack, pageSize, new HistoryCursor(last.timeMs(), last.id()).encode());
        }
        return new AlertHistoryPage(page.size(), page, next);
    }

    private static int limit(String limit) {
        if (limit == null) {
            return 100;
        }
        if (!limit.matches("\\d{1,4}") || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > MAX_LIMIT) {
            throw HistoryRange.invalid("limit", "limit must be 1.." + MAX_LIMIT);
        }
        return Integer.parseInt(limit);
    }

    private static String link(long fromMs, long toMs, String severity, String rule, String rack, int limit, String cursor) {
        StringBuilder s = new StringBuilder("/api/v1/alerts/history?from=").append(fromMs).append("&to=").append(toMs);
        if (severity != null) {
            s.append("&severity=").append(encode(severity));
        }
        if (rule != null) {
            s.append("&rule=").append(encode(rule));
        }
        if (rack != null) {
            s.append("&rack=").append(encode(rack));
        }
        return s.append("&limit=").append(limit).append("&cursor=").append(cursor).toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
