package io.thermalwatch.dispatcher.alertmanager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thermalwatch.model.ThermalAlert;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The body of Alertmanager's {@code POST /api/v2/alerts} (a JSON array of postable alerts) for our
 * alert state changes. Labels identify the alert at Alertmanager: alertname, rule, severity, site,
 * hall, row, rack, and node, gpu, loop where the alert has them (an absent part is no label, never
 * an empty one). Annotations carry summary, description, runbook_url, value and threshold (in the
 * rule's unit, see docs/alerts.md).
 *
 * <p>{@code endsAt}: a resolved alert carries its resolve time (never later than now: see
 * {@link #postable}); a firing one, as Prometheus does it
 * ({@code ValidUntil = now + 4 × max(interval, resendDelay)}), {@code now + firingValidity}, renewed
 * at every resend, so Alertmanager's {@code resolve_timeout} never applies and a dispatcher that
 * stops sending lets its alerts resolve within that time.
 */
public final class AlertmanagerPayload {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI apiBaseUrl;
    private final Duration firingValidity;

    /**
     * @param apiBaseUrl     our API's base URL; each alert's generatorURL is {@code <base>/api/v1/alerts?rack=<rack>}
     * @param firingValidity how far ahead of each send a firing alert's endsAt lies
     */
    public AlertmanagerPayload(URI apiBaseUrl, Duration firingValidity) {
        this.apiBaseUrl = apiBaseUrl;
        this.firingValidity = firingValidity;
    }

    /** The JSON array for {@code alerts}, as sent at {@code nowMs} (epoch ms). */
    public byte[] encode(List<ThermalAlert> alerts, long nowMs) {
        List<Map<String, Object>> body = new ArrayList<>(alerts.size());
        for (ThermalAlert a : alerts) {
            body.add(postable(a, nowMs));
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write alerts as JSON", e);
        }
    }

    Map<String, Object> postable(ThermalAlert a, long nowMs) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("labels", labels(a));
        out.put("annotations", annotations(a));
        // Times ahead of our clock (a node clock running fast; the streams app accepts some skew)
        // are clamped to now: Alertmanager takes an alert whose endsAt lies ahead as still firing,
        // and then keeps the longer endsAt of the firing state it holds, so the resolve is lost.
        long startsAtMs = Math.min(a.startsAtMs(), nowMs);
        long endsAtMs = a.firing() ? nowMs + firingValidity.toMillis() : Math.max(startsAtMs, Math.min(a.endsAtMs(), nowMs));
        out.put("startsAt", Instant.ofEpochMilli(startsAtMs).toString());
        out.put("endsAt", Instant.ofEpochMilli(endsAtMs).toString());
        out.put("generatorURL", apiBaseUrl + "/api/v1/alerts?rack=" + URLEncoder.encode(a.rack(), StandardCharsets.UTF_8));
        return out;
    }

    /** The label set: Alertmanager's identity of the alert. */
    public static Map<String, String> labels(ThermalAlert a) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", alertName(a.rule()));
        labels.put("severity", a.severity());
        labels.put("site", a.site());
        labels.put("hall", a.hall());
        labels.put("row", a.row());
        labels.put("rack", a.rack());
        putIfPresent(labels, "node", a.node());
        putIfPresent(labels, "gpu", a.gpu() == null ? null : a.gpu().toString());
        // two loops of one rack raise the same rule: without it they would be one alert at Alertmanager
        putIfPresent(labels, "loop", a.loop());
        labels.put("rule", a.rule());
        return labels;
    }

    private static Map<String, String> annotations(ThermalAlert a) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("summary", a.summary());
        putIfPresent(out, "description", a.description());
        putIfPresent(out, "runbook_url", a.runbookUrl());
        putIfPresent(out, "value", a.value() == null ? null : number(a.value()));
        putIfPresent(out, "threshold", a.threshold() == null ? null : number(a.threshold()));
        return out;
    }

    /** {@code gpu-slowdown-margin} → {@code GpuSlowdownMargin}, the Prometheus style of alert name. */
    static String alertName(String rule) {
        StringBuilder sb = new StringBuilder(rule.length());
        boolean upper = true;
        for (char c : rule.toCharArray()) {
            if (c == '-' || c == '_' || c == '.') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    /** 87.0 → "87", 2.5 → "2.5": what a human reads in a page. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
