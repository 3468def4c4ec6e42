package io.thermalwatch.streams.alert;

import io.thermalwatch.model.ThermalAlert;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns one merged rule mapping of the rule file into a checked {@link RuleSpec}. */
final class RuleSpecReader {

    private RuleSpecReader() {
    }

    static RuleSpec read(String id, Map<String, Object> rule, Map<String, Object> defaults) {
        String where = "alert rule " + id;
        try {
            Thresholds.Direction direction = switch (String.valueOf(rule.get("direction"))) {
                case "above" -> Thresholds.Direction.ABOVE;
                case "below" -> Thresholds.Direction.BELOW;
                default -> throw new IllegalArgumentException("direction must be 'above' or 'below', was '"
                        + rule.get("direction") + "'");
            };
            Thresholds thresholds = new Thresholds(direction, level(rule, "warning"), level(rule, "warningClear"),
                    level(rule, "critical"), level(rule, "criticalClear"));
            Lifecycle lifecycle = new Lifecycle(
                    DurationText.millis(pick(rule, defaults, "for"), "for"),
                    DurationText.millis(pick(rule, defaults, "criticalFor"), "criticalFor"),
                    DurationText.millis(pick(rule, defaults, "keepFiringFor"), "keepFiringFor"),
                    DurationText.millis(pick(rule, defaults, "flapWindow"), "flapWindow"),
                    (int) number(pick(rule, defaults, "maxFlaps"), "maxFlaps"));
            boolean enabled = !Boolean.FALSE.equals(rule.getOrDefault("enabled", Boolean.TRUE));
            Object runbook = rule.containsKey("runbook") ? rule.get("runbook") : defaults.get("runbookBase") + "#" + id;
            Map<String, Double> params = new LinkedHashMap<>();
            if (rule.get("params") != null) {
                for (Map.Entry<String, Object> p : RuleBook.mapping(rule.get("params"), "params").entrySet()) {
                    params.put(p.getKey(), number(p.getValue(), "params." + p.getKey()));
                }
            }
            Object description = rule.get("description");
            if (description != null && String.valueOf(description).length() > ThermalAlert.MAX_DESCRIPTION_CHARS) {
                throw new IllegalArgumentException("description must be at most " + ThermalAlert.MAX_DESCRIPTION_CHARS
                        + " characters (it rides on every alert)");
            }
            if (String.valueOf(runbook).length() > ThermalAlert.MAX_URL_CHARS) {
                throw new IllegalArgumentException("runbook must be at most " + ThermalAlert.MAX_URL_CHARS + " characters");
            }
            return new RuleSpec(id, enabled, thresholds, lifecycle, String.valueOf(runbook),
                    description == null ? null : String.valueOf(description).trim(), params);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static Object pick(Map<String, Object> rule, Map<String, Object> defaults, String key) {
        return rule.containsKey(key) ? rule.get(key) : defaults.get(key);
    }

    /** A trigger or clear level: a number, or absent / {@code off}. */
    private static Double level(Map<String, Object> rule, String key) {
        Object v = rule.get(key);
        if (v == null || "off".equals(v) || Boolean.FALSE.equals(v)) { // YAML 1.1 reads a bare off as false
            return null;
        }
        return number(v, key);
    }

    private static double number(Object v, String key) {
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(key + " must be a number, was '" + v + "'");
    }
}
